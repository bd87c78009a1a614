// Rewrites YAML files the way Decap CMS saves them (decap-cms-core's formats/yaml.js, with the same `yaml` package):
// parse, then serialise with the top-level keys in the form's field order. Used by the round-trip tests and by
// `python -m sitegen.commands.cms_format`. Usage: node decap_yaml.js '{"path": ["key", ...], ...}' (prints JSON).
"use strict";
const fs = require("fs");
const path = require("path");
const yaml = require(path.join(__dirname, "..", "..", "..", "node_modules", "yaml"));

const timestampTag = {
  identify: (value) => value instanceof Date,
  default: true,
  tag: "!timestamp",
  test: /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2}(\.[0-9]+)?)Z$/,
  resolve: (str) => new Date(str),
  stringify: (value) => value.toISOString(),
};

function fromFile(content) {
  const doc = yaml.parseDocument(content, { customTags: [timestampTag], prettyErrors: true });
  if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join("\n"));
  return doc.toJSON();
}

function toFile(data, sortedKeys) {
  const contents = yaml.createNode(data);
  const key = (item) => item.key && item.key.toString();
  contents.items.sort((a, b) => {
    const idxA = sortedKeys.indexOf(key(a));
    const idxB = sortedKeys.indexOf(key(b));
    if (idxA === -1 || idxB === -1) return 0;
    return idxA - idxB;
  });
  const doc = new yaml.Document();
  doc.contents = contents;
  return doc.toString();
}

const files = JSON.parse(process.argv[2]);
const out = {};
for (const [file, keys] of Object.entries(files)) {
  out[file] = toFile(fromFile(fs.readFileSync(file, "utf8")), keys);
}
process.stdout.write(JSON.stringify(out));
