import { ImxflashError } from '../errors/imxflash-error.js';
import { MemoryImage, MemoryImageBuilder } from '../image/memory-image.js';
import { type SegmentOrigin } from '../image/segment-origin.js';
import { hex, hex32 } from '../util/hex.js';

// ELF32 layout: System V gABI ("ELF-64 Object File Format" shares it), ARM "ELF for the Arm
// Architecture" (IHI 0044) for EM_ARM = 40. Offsets below are into the file header (Elf32_Ehdr)
// and one program header (Elf32_Phdr).
const EHDR_BYTES = 52;
const PHDR_BYTES = 32;
const ELFCLASS32 = 1;
const ELFCLASS64 = 2;
const ELFDATA2LSB = 1;
const ELFDATA2MSB = 2;
const ET_REL = 1;
const ET_EXEC = 2;
const ET_DYN = 3;
const EM_ARM = 40;
const PT_LOAD = 1;
/** e_phnum value meaning "the real count is in section header 0" (gABI). */
const PN_XNUM = 0xffff;
const ADDRESS_LIMIT = 0x1_0000_0000;

const MACHINE_NAMES: Readonly<Record<number, string>> = { 3: 'x86', 8: 'MIPS', 62: 'x86-64', 183: 'AArch64', 243: 'RISC-V' };
const HINT_REBUILD = 'The file is damaged or not a finished link; rebuild it, or pass a .hex/.bin of the same build.';

/**
 * Reads the loadable bytes of an ELF32 little-endian Arm executable into a {@link MemoryImage}.
 *
 * - Every PT_LOAD segment with file bytes is placed at its physical address p_paddr, the load
 *   address (LMA) the linker chose: that is where .data's initial values sit in flash for the
 *   startup code to copy, whatever p_vaddr (the run address) says.
 * - p_memsz beyond p_filesz is .bss, zeroed at run time and not part of the image.
 * - `entry` is e_entry (bit 0 set for Thumb code); 0 means "no entry" (gABI).
 * - Only ET_EXEC is accepted: objects (ET_REL) have no addresses yet and ET_DYN files are placed
 *   by a loader that a boot ROM does not have.
 *
 * Every read is bounds-checked first, so any input either loads or throws an ImxflashError:
 * ELF_BAD_HEADER, ELF_UNSUPPORTED, ELF_TRUNCATED, ELF_NO_LOADABLE_SEGMENTS, IMAGE_RANGE_INVALID;
 * differing overlapping segments throw IMAGE_OVERLAP. Origins read `app.elf: segment 2 (+0x10)`:
 * program header index (0-based, the order `readelf -l` lists) and offset within the segment.
 */
export function readElf(bytes: Uint8Array, fileName: string): MemoryImage {
  const file = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength); // a plain view, even for a Buffer
  const fail = (code: 'ELF_BAD_HEADER' | 'ELF_UNSUPPORTED' | 'ELF_TRUNCATED' | 'ELF_NO_LOADABLE_SEGMENTS' | 'IMAGE_RANGE_INVALID', what: string, hint: string, details: Record<string, unknown> = {}): never => {
    throw new ImxflashError(code, `${fileName}: ${what}`, { hint, details: { file: fileName, ...details } });
  };

  if (file.length < 4 || file[0] !== 0x7f || file[1] !== 0x45 || file[2] !== 0x4c || file[3] !== 0x46) {
    fail('ELF_BAD_HEADER', 'not an ELF file (no 0x7F "ELF" magic at offset 0)', 'Pass the linked .elf/.axf, or --input-format if the file is HEX, S-record or raw binary.');
  }
  if (file.length < 16) fail('ELF_BAD_HEADER', `only ${file.length} bytes, too short for an ELF header`, HINT_REBUILD);
  const elfClass = file[4];
  if (elfClass === ELFCLASS64) fail('ELF_UNSUPPORTED', 'is a 64-bit ELF file; i.MX RT cores are 32-bit Arm (Cortex-M7/M4/M33)', 'Build for the Cortex-M core (arm-none-eabi), or pass the right .elf.');
  if (elfClass !== ELFCLASS32) fail('ELF_BAD_HEADER', `EI_CLASS is ${elfClass}, neither 32- nor 64-bit`, HINT_REBUILD);
  const encoding = file[5];
  if (encoding === ELFDATA2MSB) fail('ELF_UNSUPPORTED', 'is a big-endian ELF file; i.MX RT cores are little-endian', 'Build for the Cortex-M core (arm-none-eabi, little-endian).');
  if (encoding !== ELFDATA2LSB) fail('ELF_BAD_HEADER', `EI_DATA is ${encoding}, neither little- nor big-endian`, HINT_REBUILD);
  if (file.length < EHDR_BYTES) fail('ELF_BAD_HEADER', `only ${file.length} bytes, too short for the ${EHDR_BYTES}-byte ELF32 header`, HINT_REBUILD);

  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const type = view.getUint16(16, true);
  const machine = view.getUint16(18, true);
  const entry = view.getUint32(24, true);
  const phoff = view.getUint32(28, true);
  const phentsize = view.getUint16(42, true);
  const phnum = view.getUint16(44, true);

  if (machine !== EM_ARM) {
    const name = MACHINE_NAMES[machine];
    fail('ELF_UNSUPPORTED', `e_machine is ${machine}${name ? ` (${name})` : ''}, not Arm (40)`, 'Pass the firmware built for the i.MX RT (arm-none-eabi), not a host or other-core binary.');
  }
  if (type !== ET_EXEC) {
    const what = type === ET_REL ? 'a relocatable object (ET_REL)' : type === ET_DYN ? 'a shared/position-independent file (ET_DYN)' : `of type ${type}`;
    fail('ELF_UNSUPPORTED', `is ${what}, not an executable (ET_EXEC)`,
      type === ET_REL
        ? 'Pass the linked executable from the final link step, not an object file.'
        : 'Flash images are linked at fixed addresses (ET_EXEC); link without -shared/-pie so the file says where each byte goes.');
  }
  if (phnum === PN_XNUM) fail('ELF_UNSUPPORTED', 'has 65535 or more program headers (PN_XNUM)', 'No firmware image needs that many segments; check the linker script.');
  if (phnum > 0 && phentsize < PHDR_BYTES) fail('ELF_BAD_HEADER', `e_phentsize is ${phentsize}, smaller than an ELF32 program header (${PHDR_BYTES})`, HINT_REBUILD);
  const tableEnd = phoff + phnum * phentsize;
  if (phnum > 0 && tableEnd > file.length) {
    fail('ELF_TRUNCATED', `program header table at offset ${hex(phoff)} (${phnum} × ${phentsize} bytes) ends at ${hex(tableEnd)}, past the end of the file (${hex(file.length)} bytes)`,
      'The file was cut short (an interrupted copy or download?); rebuild or copy it again.', { offset: phoff });
  }

  const builder = new MemoryImageBuilder();
  let loaded = 0;
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (view.getUint32(at, true) !== PT_LOAD) continue;
    const offset = view.getUint32(at + 4, true);
    const paddr = view.getUint32(at + 12, true);
    const filesz = view.getUint32(at + 16, true);
    const memsz = view.getUint32(at + 20, true);
    if (filesz === 0) continue; // all .bss: nothing to program
    if (filesz > memsz) fail('ELF_BAD_HEADER', `segment ${i}: p_filesz ${hex(filesz)} exceeds p_memsz ${hex(memsz)}`, HINT_REBUILD, { segment: i });
    if (offset + filesz > file.length) {
      fail('ELF_TRUNCATED', `segment ${i}: file range ${hex(offset)}..${hex(offset + filesz)} runs past the end of the file (${hex(file.length)} bytes)`,
        'The file was cut short (an interrupted copy or download?); rebuild or copy it again.', { segment: i, offset });
    }
    if (paddr + filesz > ADDRESS_LIMIT) {
      fail('IMAGE_RANGE_INVALID', `segment ${i}: ${hex(filesz)} bytes at ${hex32(paddr)} run past 0xFFFFFFFF`, 'Check the load addresses (AT>/LMA) in the linker script.', { segment: i, address: paddr });
    }
    builder.addSegment(paddr, file.subarray(offset, offset + filesz), segmentOrigin(fileName, i));
    loaded++;
  }
  if (loaded === 0) {
    fail('ELF_NO_LOADABLE_SEGMENTS', 'has no PT_LOAD segment with file bytes, so nothing to program', 'Pass the linked firmware, not a debug-only or stripped file; check that the linker script places code in flash.');
  }
  if (entry !== 0) builder.setEntry(entry);
  return builder.build();
}

function segmentOrigin(fileName: string, index: number): SegmentOrigin {
  return { describe: (offset) => `${fileName}: segment ${index} (+${hex(offset)})` };
}
