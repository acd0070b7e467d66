/* Danish texts for Sphinx's search page.
 *
 * Sphinx 9's Danish catalogue lacks the "search finished" messages and its plural rule
 * returns a boolean, so searchtools.js throws in _finishSearch and the result line stays
 * empty. This file loads after Sphinx's translations and supplies the missing texts
 * with a numeric plural rule. */
Documentation.addTranslations({
  locale: "da",
  plural_expr: "(n != 1) ? 1 : 0",
  messages: {
    "Search Results": "Søgeresultater",
    "Searching": "Søger",
    "Preparing search...": "Forbereder søgningen …",
    ", in ": ", i ",
    "Search finished, found one page matching the search query.": [
      "Søgningen er færdig: én side matcher.",
      "Søgningen er færdig: ${resultCount} sider matcher.",
    ],
    "Your search did not match any documents. Please make sure that all words are spelled correctly and that you've selected enough categories.":
      "Søgningen gav ingen resultater. Tjek stavningen, eller prøv med færre ord.",
  },
});
