// Runs after decap-cms.js, before it reads its config:
// - the "optional-group" widget: an optional group of fields (a team member's photo, the cost page) whose own
//   required fields are checked only once something in the group is filled. Decap's object widget checks them
//   always, so an empty photo would block saving a team member; with this, a photo without alt text is refused at
//   the alt text field ("Alt text is required.") and a team member without a photo saves.
// - before each save, drop the fields a marketer cleared. Decap would write them as empty text ("field: ''"),
//   which the build refuses; left out, an optional field simply has no value.
(function () {
  "use strict";
  function isMap(value) {
    return Boolean(value && value["@@__IMMUTABLE_MAP__@@"]);
  }
  function isList(value) {
    return Boolean(value && value["@@__IMMUTABLE_LIST__@@"]);
  }
  function isBlank(value) {
    if (value === undefined || value === null || value === "") return true;
    if (isMap(value)) return value.every(isBlank);
    if (isList(value)) return value.size === 0;
    return false;
  }

  // A control's own errors, and those of the fields inside it, as if it had never been checked. Only fields that
  // show an error are told: each message is a store update that every field of the form hears, and the FAQ form
  // has an empty review group in each of its 60-odd answers.
  function clearErrors(widget) {
    if (!widget || !widget.props) return;
    var errors = widget.props.fieldsErrors;
    if (widget.props.onValidate && errors && errors.has(widget.props.uniqueFieldId)) widget.props.onValidate([]);
    var inner = widget.innerWrappedControl;
    if (inner && inner.childRefs) Object.keys(inner.childRefs).forEach(function (name) { clearErrors(inner.childRefs[name]); });
  }

  var ObjectWidget = window.CMS.getWidget("object");
  class OptionalGroupControl extends ObjectWidget.control {
    constructor(props) {
      super(props);
      var checkFields = this.validate;
      var group = this;
      // Decap validates a group by calling this (not the generic Widget check), for top-level and nested groups alike.
      this.validate = function () {
        if (!isBlank(group.props.value)) return checkFields();
        Object.keys(group.childRefs).forEach(function (name) { clearErrors(group.childRefs[name]); });
      };
    }
  }
  window.CMS.registerWidget("optional-group", OptionalGroupControl, ObjectWidget.preview);

  function withoutEmpty(value) {
    if (isMap(value)) {
      return value
        .map(withoutEmpty)
        .filter(function (v) { return v !== "" && v !== null && v !== undefined && !(isMap(v) && v.size === 0); });
    }
    if (isList(value)) return value.map(withoutEmpty);
    return value;
  }
  window.CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      return withoutEmpty(event.entry.get("data"));
    },
  });
})();
