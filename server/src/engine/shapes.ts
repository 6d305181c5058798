/**
 * Object shapes, kept fast once compromise is loaded.
 *
 * V8 gives an empty object literal, an object literal of exactly four properties, and every object that
 * JSON.parse or a structured clone (a worker's message) makes, one shared root map, from which each
 * first property name is one transition. Loading compromise adds thousands of properties to empty
 * objects (its lexicon) and fills that root's transitions: from then on, an object of such a shape whose
 * first property name is new gets a map of its own, not shared with its like (every Sentence, every
 * Mention, every raw mention deserialized from a worker: megamorphic property reads, a map allocated
 * per object, several times the memory and garbage per edit). `reserveShapes()`, called before
 * compromise is loaded, makes the root's transitions for the first property names the engine and the
 * server use, so these shapes keep one map each. (server/test/shapes.test.ts checks the hot shapes.)
 */

/** Property names of the engine's data (the fields of its interfaces) and of LSP messages. */
const NAMES = (
  'abolished acting aliases analysis analyze articleDate atDate attribution block blocks body byFirst cache canonical capital capitalOf capitals category checked children city cityAliases claims commonWord confidence countries country countryNames countryPlace ctx date defaultSeverity demonyms description diagnostics directives dropped edits end entities entity entries errors established events eventsOf facts failed file fixes flags football form formerAt found from future gen hasPeople heading headingBlocks heldYear holders holdersAt hooks id ids index input isCapital kb kept key keys kind label labelDate languageId last lines made map maxWords members mentions message missingBlocks name named namedNearby newText notInGazetteer note notes number office offices officesWithTitle official offset onError one orgVotes otherCities out outline ownDate part participants people person personName place population post pre quoted quotes re refersBack region result results role roles rule rules scan score sections sentenceStart sentences series severities severity short signature skipped source span spans start starts statements stats structure subregion surfaces switch tagSets tags term termsOf text texts title titleForms titles to tokens tooLong touch trigger twelve twenty type used vague valid validThrough value version view votes weight windows words wordsAt year years ' +
  'jsonrpc method params result error textDocument uri languageId contentChanges range rangeLength position line character ' +
  'context only triggerKind includeDeclaration newName previousResultId query settings changes items section workspaceFolders'
).split(' ').filter(Boolean);

const reserved: object[] = [];

/** Makes the root map's transitions for the engine's first property names (once; before compromise loads). */
export function reserveShapes(): void {
  if (reserved.length) return;
  for (const name of NAMES) {
    const o: Record<string, number> = {};
    o[name] = 0;
    // Kept alive: a transition whose map dies can be dropped, and its slot taken by compromise's names.
    reserved.push(o);
  }
}
