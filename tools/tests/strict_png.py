"""A strict PNG check: what libpng-based tools, ImageMagick and PDF export demand of a file.

check(data) raises ValueError naming the first fault: a bad signature, a chunk whose length runs
past the end or whose CRC is wrong, bytes after IEND or no IEND, a missing IHDR, image data that
does not inflate to exactly the rows IHDR declares (non-interlaced), or an unknown filter type.
It returns (width, height) of a sound file.
"""
import base64
import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def check(data):
    if not data.startswith(SIGNATURE):
        raise ValueError("not a PNG: the 8-byte signature is wrong")
    at = len(SIGNATURE)
    header = None
    idat = []
    while True:
        if at + 8 > len(data):
            raise ValueError("truncated at byte %d of %d: no IEND chunk" % (at, len(data)))
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        end = at + 12 + length
        if end > len(data):
            raise ValueError("chunk %r at byte %d runs past the end (%d bytes needed, %d there): truncated file"
                             % (kind, at, end, len(data)))
        body = data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[end - 4:end])
        if zlib.crc32(kind + body) != crc:
            raise ValueError("chunk %r at byte %d has a wrong CRC" % (kind, at))
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            if end != len(data):
                raise ValueError("%d bytes after IEND" % (len(data) - end))
            break
        at = end
    if header is None:
        raise ValueError("no IHDR chunk")
    width, height, depth, colour, _, _, interlace = header
    inflater = zlib.decompressobj()
    pixels = inflater.decompress(b"".join(idat))
    if not inflater.eof:
        raise ValueError("the image data (IDAT) ends before its zlib stream does")
    if interlace == 0:
        row = 1 + (width * CHANNELS[colour] * depth + 7) // 8
        if len(pixels) != row * height:
            raise ValueError("image data inflates to %d bytes, IHDR declares %d rows of %d" % (len(pixels), height, row))
        filters = set(pixels[::row])
        if not filters <= {0, 1, 2, 3, 4}:
            raise ValueError("unknown row filter types %s" % sorted(filters - {0, 1, 2, 3, 4}))
    return width, height


def check_base64(text):
    """check() of a notebook's image/png value (base64, possibly split into lines)."""
    if isinstance(text, list):
        text = "".join(text)
    return check(base64.b64decode(text.replace("\n", ""), validate=True))
