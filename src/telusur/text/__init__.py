"""Indonesian text tools used by several stages (dates, words, names)."""
