// Small but real files of every kind a document may be, built in memory (no binary fixtures in the repo):
// file-type recognises them by their bytes exactly as it would a file from a scanner or a provider.
import { crc32, deflateSync } from 'node:zlib';

/** A ZIP archive with the given entries, stored (no compression), as Office and OpenDocument files are. */
export function zip(entries: [name: string, content: string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.from(content, 'utf8');
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(0, 10);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBytes, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const centralDir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDir, end]);
}

const contentTypes = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${main.split('|')[0]}" ContentType="${main.split('|')[1]}"/></Types>`;

function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 255, 255]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function jpeg(): Buffer {
  // SOI, APP0 (JFIF), a comment, EOI: enough for a sniffer; browsers would show nothing.
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, Buffer.from([0xff, 0xfe, 0x00, 0x06]), Buffer.from('test'), Buffer.from([0xff, 0xd9])]);
}

export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

export const SAMPLES: Record<'pdf' | 'jpg' | 'png' | 'docx' | 'xlsx' | 'odt', { name: string; bytes: Buffer; mime: string }> = {
  pdf: { name: 'PVT getekend.pdf', bytes: PDF, mime: 'application/pdf' },
  jpg: { name: 'foto certificaat.jpeg', bytes: jpeg(), mime: 'image/jpeg' },
  png: { name: 'scan.png', bytes: png(), mime: 'image/png' },
  docx: {
    name: 'eindrapport.docx',
    bytes: zip([
      ['[Content_Types].xml', contentTypes('word/document.xml|application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml')],
      ['_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'],
      ['word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'],
    ]),
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  xlsx: {
    name: 'uren.xlsx',
    bytes: zip([
      ['[Content_Types].xml', contentTypes('xl/workbook.xml|application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml')],
      ['_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'],
      ['xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'],
    ]),
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  odt: {
    name: 'portfolio.odt',
    bytes: zip([
      ['mimetype', 'application/vnd.oasis.opendocument.text'],
      ['content.xml', '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'],
    ]),
    mime: 'application/vnd.oasis.opendocument.text',
  },
};

/** Files that must be refused, whatever their name says. */
export const HOSTILE = {
  htmlAsPdf: { name: 'PVT.pdf', bytes: Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>') },
  svgWithScript: {
    name: 'handtekening.pdf',
    bytes: Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><rect width="10" height="10"/></svg>'),
  },
  svgAsSvg: { name: 'logo.svg', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>') },
  empty: { name: 'leeg.pdf', bytes: Buffer.alloc(0) },
  zipNotOffice: { name: 'rapport.docx', bytes: zip([['readme.txt', 'geen Office-bestand']]) },
};
