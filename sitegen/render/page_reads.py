"""Which content fields each page's rendering read, field by field (the page models and each FAQ answer), and whether
they still hold the same values: what lets a build render again only the pages an edit reaches.

While a Watch is on, every field of those models is read through a recording descriptor, and whatever reads a model
whole (repr, ==, hash, iteration, model_dump, copies, pickling) counts as reading all of it. A read is kept as (where,
field, digest of the value), where is ("page", slug) or ("faq", index in the FAQ's items); a value holding a watched
model is digested by where that model is, its own fields being reads of their own. A read of a watched model that is
not one of those (a copy, the English model under a translation) makes the page unkeepable: it is rendered every time.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pydantic import BaseModel

from sitegen.core.cache import key
from sitegen.load.content import Content

Where = tuple[str, Any]
Read = tuple[Where, str, str]  # (where, field name or "*" for the whole model, digest of the value)
WHOLE = "*"
FIELDS_SET = "model_fields_set"
# Everything that reads a pydantic model's values without going through its fields' attributes.
_WHOLE_READERS = (
    "__iter__",
    "__eq__",
    "__hash__",  # a cache keyed by a model (lru_cache) gives what it made from the model without reading it again
    "__repr__",
    "__str__",
    "__copy__",
    "__deepcopy__",
    "__getstate__",
    "__reduce_ex__",
    "model_dump",
    "model_dump_json",
    "model_copy",
)
_MISSING = object()
_active: Watch | None = None


class Recorded(list):
    """The reads of one page (or of what every page shares); not known if one of them could not be placed."""

    known = True


class Unknown(Exception):
    """A read of a watched model that is not where the content keeps it."""


class Watch:
    """The places of one content's watched models, and the reads recorded while it is on (`with watch:`)."""

    def __init__(self, content: Content, shared: dict[str, dict] | None = None) -> None:
        self.content, self.shared = content, shared or {}
        self.places: dict[int, Where] = {id(page): ("page", slug) for slug, page in content.pages.items()}
        faq = content.pages.get("faq")
        self.places.update({id(item): ("faq", i) for i, item in enumerate(getattr(faq, "items", []))})
        self.classes = {type(page) for page in content.pages.values()} | {type(item) for item in getattr(faq, "items", [])}
        self.reads: dict[tuple[int, str], Any] | None = None
        self._saved: list[tuple[type, str, Any]] = []

    def __enter__(self) -> Watch:
        global _active
        for cls in self.classes:
            for name in cls.model_fields:
                self._set(cls, name, _Field(name))
            self._set(cls, FIELDS_SET, _FieldsSet())  # which fields the YAML gave (a default left out reads otherwise)
            for name in _WHOLE_READERS:
                method = getattr(cls, name, None)
                if method is not None:  # None: not hashable (a model that is not frozen), and it stays so
                    self._set(cls, name, _whole_reader(method))
        _active = self
        return self

    def __exit__(self, *exc: object) -> None:
        global _active
        _active = None
        for cls, name, before in reversed(self._saved):
            if before is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, before)
        self._saved.clear()

    def _set(self, cls: type, name: str, value: Any) -> None:
        self._saved.append((cls, name, cls.__dict__.get(name, _MISSING)))
        setattr(cls, name, value)

    @contextmanager
    def recording(self) -> Iterator[Recorded]:
        """The reads made inside the block (not those of a recording inside it), given when the block ends."""
        outer, self.reads = self.reads, {}
        found = Recorded()
        try:
            yield found
        finally:
            reads, self.reads = self.reads, None
            try:
                found.extend(self._digests(reads or {}))
            except Unknown:
                found.known = False
            self.reads = outer

    def _digests(self, reads: dict[tuple[int, str], Any]) -> list[Read]:
        out: list[Read] = []
        for (oid, name), model in reads.items():
            where = self.places.get(oid)
            if where is None:
                raise Unknown
            out.append((where, name, self.digest(model, name)))
        return out

    def digest(self, model: Any, name: str) -> str:
        """A digest of one field's value (or, for "*", of the whole model); of one key's value in a shared dict."""
        if isinstance(model, dict):
            return key(self.shape(dict(model)) if name == WHOLE else self.shape(dict.get(model, name, _MISSING)))
        if name == WHOLE:
            return key(repr({field: self.shape(value) for field, value in model.__dict__.items()}))
        if name == FIELDS_SET:
            return key(repr(sorted(model.__pydantic_fields_set__)))
        return key(self.shape(model.__dict__.get(name, _MISSING)))

    def shape(self, value: Any) -> str:
        """The value as text, a watched model by its place (its fields are reads of their own)."""
        if isinstance(value, BaseModel) and type(value) in self.classes:
            where = self.places.get(id(value))
            if where is None:
                raise Unknown
            return f"@{where!r}"
        if value is _MISSING:
            return "<missing>"
        if isinstance(value, BaseModel):  # every field, whatever its repr shows
            return f"{type(value).__qualname__}({self.shape(dict(value.__dict__))})"
        if isinstance(value, (list, tuple)):
            return f"{type(value).__name__}[{','.join(self.shape(v) for v in value)}]"
        if isinstance(value, dict):
            return "{" + ",".join(f"{k!r}:{self.shape(v)}" for k, v in value.items()) + "}"
        return repr(value)

    def still_read_the_same(self, reads: list[Read], seen: dict[tuple[Where, str], str]) -> bool:
        """Whether each read gives the same value from this content (`seen`: digests worked out so far)."""
        for where, name, digest in reads:
            now = seen.get((where, name))
            if now is None:
                model = self._model_at(where)
                if model is None:
                    return False
                try:
                    now = seen[(where, name)] = self.digest(model, name)
                except Unknown:
                    return False
            if now != digest:
                return False
        return True

    def _model_at(self, where: Where) -> Any:
        kind, at = where
        if kind == "shared":
            return self.shared.get(at)
        if kind == "page":
            return self.content.pages.get(at)
        items = getattr(self.content.pages.get("faq"), "items", [])
        return items[at] if isinstance(at, int) and 0 <= at < len(items) else None


@contextmanager
def unwatched() -> Iterator[None]:
    """Reads inside the block are not recorded: its result must be an input of every page by other means."""
    watch = _active
    if watch is None:
        yield
        return
    outer, watch.reads = watch.reads, None
    try:
        yield
    finally:
        watch.reads = outer


class WatchedDict(dict):
    """A dict every page may read (which texts changed since their sign-off): each key a page looks up is a read of
    its own, anything else (iterating, comparing) a read of the whole dict."""

    def __init__(self, name: str, items: dict) -> None:
        super().__init__(items)
        if _active is not None:
            _active.places[id(self)] = ("shared", name)

    def _note(self, name: str) -> None:
        watch = _active
        if watch is not None and watch.reads is not None:
            watch.reads[(id(self), name)] = self

    def get(self, name: Any, default: Any = None) -> Any:
        self._note(name if isinstance(name, str) else WHOLE)
        return super().get(name, default)

    def __getitem__(self, name: Any) -> Any:
        self._note(name if isinstance(name, str) else WHOLE)
        return super().__getitem__(name)

    def __contains__(self, name: object) -> bool:
        self._note(name if isinstance(name, str) else WHOLE)
        return super().__contains__(name)


for _name in ("__iter__", "__len__", "__eq__", "__ne__", "__repr__", "keys", "values", "items", "copy", "__reduce_ex__"):

    def _whole(self: WatchedDict, *args: Any, _method: Any = getattr(dict, _name), **kwargs: Any) -> Any:
        self._note(WHOLE)
        return _method(self, *args, **kwargs)

    setattr(WatchedDict, _name, _whole)


class _Field:
    """A model field read through the class while a Watch is on: the value, noted as read."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, model: Any, cls: type | None = None) -> Any:
        if model is None:
            raise AttributeError(self.name)
        try:
            value = model.__dict__[self.name]
        except KeyError:
            raise AttributeError(self.name) from None
        watch = _active
        if watch is not None and watch.reads is not None:
            watch.reads[(id(model), self.name)] = model
        return value

    def __set__(self, model: Any, value: Any) -> None:
        model.__dict__[self.name] = value


class _FieldsSet:
    """A model's model_fields_set while a Watch is on: the set, noted as read."""

    def __get__(self, model: Any, cls: type | None = None) -> Any:
        if model is None:
            raise AttributeError(FIELDS_SET)
        watch = _active
        if watch is not None and watch.reads is not None:
            watch.reads[(id(model), FIELDS_SET)] = model
        return model.__pydantic_fields_set__


def _whole_reader(method: Any) -> Any:
    def whole(self: Any, *args: Any, **kwargs: Any) -> Any:
        watch = _active
        if watch is not None and watch.reads is not None:
            watch.reads[(id(self), WHOLE)] = self
            with unwatched():
                return method(self, *args, **kwargs)
        return method(self, *args, **kwargs)

    return whole
