"""Test files built in memory: real PDFs, and PNGs whose header promises any number of pixels."""

import functools
import struct
import zlib
from io import BytesIO

from pypdf import PdfWriter


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@functools.cache
def png_of_size(width: int, height: int) -> bytes:
    """A valid greyscale PNG of all-black rows: 13000x13000 compresses to about 164 KB, 169 Mpx once decoded."""
    compressor = zlib.compressobj(9)
    row = b"\0" * (width + 1)  # filter byte, then one byte per pixel
    idat = b"".join([*(compressor.compress(row) for _ in range(height)), compressor.flush()])
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


def pdf_bytes(*, pages: int = 1, user_password: str = "") -> bytes:
    """A real PDF with blank A4 pages, encrypted when a user password is given."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if user_password:
        writer.encrypt(user_password, algorithm="RC4-128")
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
