// Runs after decap-cms.js: before each save, drop the fields a marketer cleared. Decap would write them as
// empty text ("field: ''"), which the build refuses; left out, an optional field simply has no value.
(function () {
  "use strict";
  function withoutEmpty(value) {
    if (value && value["@@__IMMUTABLE_MAP__@@"]) {
      return value.filter(function (v) { return v !== "" && v !== null && v !== undefined; }).map(withoutEmpty);
    }
    if (value && value["@@__IMMUTABLE_LIST__@@"]) return value.map(withoutEmpty);
    return value;
  }
  window.CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      return withoutEmpty(event.entry.get("data"));
    },
  });
})();
