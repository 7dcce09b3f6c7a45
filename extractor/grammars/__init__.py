"""Grammars of the fact components: compiled once per process from the word lists in data/.

`numbers` reads numbers (digits, scale words, number words), `figures` finds quantities
with their units, `dates` finds temporal expressions. They work on plain text with
precompiled regular expressions built from the data files and pymorphy's inflection of
the listed lemmas, so a pattern that cannot be built fails on first use, not silently.
"""
