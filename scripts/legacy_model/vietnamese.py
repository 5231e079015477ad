"""Vietnamese as windows-1258 holds it (no dependencies: used by train.py and
scripts/eval-legacy-pages)."""
import unicodedata


def encodable(c, codec):
    try:
        c.encode(codec)
        return True
    except UnicodeEncodeError:
        return False


def to_cp1258(text):
    """Vietnamese as windows-1258 holds it: precomposed where the code page has the letter,
    the rest as base letter plus combining tone mark."""
    out = []
    for c in unicodedata.normalize("NFC", text):
        if encodable(c, "cp1258"):
            out.append(c)
            continue
        decomposed = unicodedata.normalize("NFD", c)
        base, marks = decomposed[0], list(decomposed[1:])
        # Compose the base with every mark the code page has a letter for (â + dot below for
        # ậ: the circumflex composes, the dot below stays combining).
        composing = True
        while composing:
            composing = False
            for i, mark in enumerate(marks):
                composed = unicodedata.normalize("NFC", base + mark)
                if len(composed) == 1 and encodable(composed, "cp1258"):
                    base = composed
                    del marks[i]
                    composing = True
                    break
        out.append(base + "".join(marks))
    return "".join(out)
