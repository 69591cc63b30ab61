#!/usr/bin/env bash
# Build the imxflash blinky example (i.MX RT1052) in three link variants:
#   xip   - vectors at 0x60002000, runs from FlexSPI NOR      (linker/rt1052-xip.ld)
#   ram   - vectors at 0x20002000, ROM copies it to DTCM       (linker/rt1052-ram.ld)
#   ocram - vectors at 0x2020A000, ROM copies it to OCRAM      (linker/rt1052-ocram.ld)
# Outputs, per variant, in out/: blinky-<v>.elf .hex .srec .bin, plus out/README.md.
#
# Needs Debian's bare-metal toolchain (installs nothing itself):
#   apt-get install gcc-arm-none-eabi libnewlib-arm-none-eabi binutils-arm-none-eabi
#
# Usage: bash examples/blinky/build.sh [--check-reproducible]
#   --check-reproducible  build a second time into a temporary directory and
#                         fail unless every output is byte-identical.
set -euo pipefail
export LC_ALL=C

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"

CHECK_REPRO=0
for arg in "$@"; do
  case "$arg" in
    --check-reproducible) CHECK_REPRO=1 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

CROSS=arm-none-eabi-
for tool in gcc objcopy size readelf nm; do
  if ! command -v "${CROSS}${tool}" >/dev/null 2>&1; then
    echo "build.sh: ${CROSS}${tool} not found. On Debian/Ubuntu install the toolchain with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y gcc-arm-none-eabi libnewlib-arm-none-eabi binutils-arm-none-eabi" >&2
    exit 1
  fi
done

VARIANTS=(xip ram ocram)

# -mfloat-abi=soft: the example does no floating point, and soft-float means
#   no FPU enable is needed in the startup code.
# -fno-tree-loop-distribute-patterns: keep the .data/.bss loops in startup.c
#   from being turned into memcpy/memset calls (we link no libc).
# No -g: the committed ELFs carry no debug info (and no source paths).
CFLAGS=(
  -mcpu=cortex-m7 -mthumb -mfloat-abi=soft
  -std=c11 -Os -ffreestanding -fno-common
  -ffunction-sections -fdata-sections
  -fno-unwind-tables -fno-asynchronous-unwind-tables
  -fno-tree-loop-distribute-patterns
  -ffile-prefix-map="$HERE"=.
  -Wall -Wextra -Werror
)
LDFLAGS=(
  -nostdlib -nostartfiles
  -Wl,--gc-sections
  -Wl,--build-id=none
  -Wl,--no-warn-rwx-segments
)

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# build_into DIR: compile, link the three variants and convert them into DIR.
build_into() {
  local dest="$1" obj="$TMP/obj" v
  mkdir -p "$obj" "$dest"
  # Relative source paths (we are in $HERE) so nothing absolute reaches the objects.
  "${CROSS}gcc" "${CFLAGS[@]}" -c src/startup.c -o "$obj/startup.o"
  "${CROSS}gcc" "${CFLAGS[@]}" -c src/main.c    -o "$obj/main.o"
  for v in "${VARIANTS[@]}"; do
    "${CROSS}gcc" "${CFLAGS[@]}" "${LDFLAGS[@]}" -T "linker/rt1052-$v.ld" \
      "$obj/startup.o" "$obj/main.o" -o "$dest/blinky-$v.elf"
    # Run objcopy inside $dest with bare file names: the S-record S0 header
    # carries the output file name, and it must not carry a path.
    ( cd "$dest"
      "${CROSS}objcopy" -O ihex                  "blinky-$v.elf" "blinky-$v.hex"
      "${CROSS}objcopy" -O srec --srec-forceS3   "blinky-$v.elf" "blinky-$v.srec"
      "${CROSS}objcopy" -O binary                "blinky-$v.elf" "blinky-$v.bin" )
  done
}

mkdir -p out
rm -f out/blinky-*.elf out/blinky-*.hex out/blinky-*.srec out/blinky-*.bin
build_into "$HERE/out"

# ---- consistency: hex, srec and elf must describe the same bytes ----------
hexnum() { printf '0x%08X' "$(( $1 ))"; }
declare -A BASE VEC ENTRY BINSZ SIZES SHA_BIN SHA_HEX SHA_SREC SHA_ELF VIA
for v in "${VARIANTS[@]}"; do
  elf="out/blinky-$v.elf"
  "${CROSS}objcopy" -I ihex -O binary "out/blinky-$v.hex"  "$TMP/$v.from-hex.bin"
  "${CROSS}objcopy" -I srec -O binary "out/blinky-$v.srec" "$TMP/$v.from-srec.bin"
  "${CROSS}objcopy" -O binary "$elf" "$TMP/$v.from-elf.bin"
  for f in "$TMP/$v.from-hex.bin" "$TMP/$v.from-srec.bin" "$TMP/$v.from-elf.bin"; do
    if ! cmp -s "$f" "out/blinky-$v.bin"; then
      echo "build.sh: $v: $(basename "$f") differs from out/blinky-$v.bin" >&2
      exit 1
    fi
  done
  VIA[$v]="$(sha256sum "$TMP/$v.from-hex.bin" | cut -c1-64) (hex), $(sha256sum "$TMP/$v.from-srec.bin" | cut -c1-64) (srec), $(sha256sum "$TMP/$v.from-elf.bin" | cut -c1-64) (elf)"

  # Lowest load address (p_paddr) of a PT_LOAD with file contents = where
  # objcopy -O binary starts the .bin.
  base=""
  while read -r type off vaddr paddr filesz _; do
    [[ "$type" == LOAD ]] || continue
    (( filesz == 0 )) && continue
    if [[ -z "$base" ]] || (( paddr < base )); then base=$((paddr)); fi
  done < <("${CROSS}readelf" -lW "$elf")
  BASE[$v]="$(hexnum "$base")"
  VEC[$v]="$(hexnum "0x$("${CROSS}nm" "$elf" | awk '$3=="__isr_vector"{print $1}')")"
  ENTRY[$v]="$(hexnum "$("${CROSS}readelf" -h "$elf" | awk '/Entry point address/{print $4}')")"
  if [[ "${BASE[$v]}" != "${VEC[$v]}" ]]; then
    echo "build.sh: $v: .bin base ${BASE[$v]} is not the vector table ${VEC[$v]}" >&2
    exit 1
  fi
  # Independent second opinion from SRecord (srec_cat), when it is installed:
  # shift the hex and srec down to address 0 and compare with the .bin.
  if command -v srec_cat >/dev/null 2>&1; then
    srec_cat "out/blinky-$v.hex" -intel -offset "-${BASE[$v]}" -o "$TMP/$v.srec_cat-hex.bin" -binary
    srec_cat "out/blinky-$v.srec" -motorola -offset "-${BASE[$v]}" -o "$TMP/$v.srec_cat-srec.bin" -binary
    for f in "$TMP/$v.srec_cat-hex.bin" "$TMP/$v.srec_cat-srec.bin"; do
      if ! cmp -s "$f" "out/blinky-$v.bin"; then
        echo "build.sh: $v: srec_cat says $(basename "$f") differs from out/blinky-$v.bin" >&2
        exit 1
      fi
    done
    VIA[$v]+=", srec_cat agrees"
  fi
  BINSZ[$v]="$(stat -c %s "out/blinky-$v.bin")"
  SIZES[$v]="$("${CROSS}size" -B "$elf" | awk 'NR==2{printf "text %d, data %d, bss %d", $1, $2, $3}')"
  SHA_BIN[$v]="$(sha256sum "out/blinky-$v.bin" | cut -c1-64)"
  SHA_HEX[$v]="$(sha256sum "out/blinky-$v.hex" | cut -c1-64)"
  SHA_SREC[$v]="$(sha256sum "out/blinky-$v.srec" | cut -c1-64)"
  SHA_ELF[$v]="$(sha256sum "out/blinky-$v.elf" | cut -c1-64)"
done

echo "== arm-none-eabi-size"
( cd out && "${CROSS}size" -B blinky-xip.elf blinky-ram.elf blinky-ocram.elf )
echo
for v in "${VARIANTS[@]}"; do
  printf '%-6s vectors %s  entry %s  .bin base %s  .bin %s bytes\n' \
    "$v" "${VEC[$v]}" "${ENTRY[$v]}" "${BASE[$v]}" "${BINSZ[$v]}"
done
echo
echo "== sha256 of hex -> bin, srec -> bin, elf -> bin (objcopy); all equal the committed .bin"
for v in "${VARIANTS[@]}"; do
  echo "$v: ${VIA[$v]}"
done

# ---- out/README.md -------------------------------------------------------
GCC_VERSION="$("${CROSS}gcc" --version | head -n1)"
BINUTILS_VERSION="$("${CROSS}objcopy" --version | head -n1)"
{
  cat <<'EOF'
# Built outputs of the blinky example

Generated by `examples/blinky/build.sh`; do not edit by hand (rebuild instead).
Each variant is the application only: the 8 KiB FCB / IVT / boot-data header
that the boot ROM needs at flash offset 0x0-0x1FFF is added by
`imxflash image build`. Every `.bin` is the raw loadable image produced by
`arm-none-eabi-objcopy -O binary`, which starts at the lowest load address
(LMA) - here always the vector table - and belongs at flash offset 0x2000.
`.hex` (Intel HEX) and `.srec` (S-records, S3 only) carry the same bytes at
their absolute load addresses, and the `.elf` files are linked without debug
info (their symbol tables are kept).

| variant | linker script | vector table | entry (Reset_Handler, Thumb) | `.bin` base (load address) | `.bin` size | sections (arm-none-eabi-size) |
|---|---|---|---|---|---|---|
EOF
  for v in "${VARIANTS[@]}"; do
    echo "| $v | \`linker/rt1052-$v.ld\` | ${VEC[$v]} | ${ENTRY[$v]} | ${BASE[$v]} | ${BINSZ[$v]} B | ${SIZES[$v]} |"
  done
  cat <<EOF

What the boot ROM is expected to do with each once imxflash has added the
header (NXP boot-ROM rules for FlexSPI NOR: image start = vector table - 0x2000,
IVT.self = image start + 0x1000, boot_data.size = 0x2000 + app length):

| variant | runs from | boot_data.start (ROM copy destination) | IVT.self | boot_data.size |
|---|---|---|---|---|
EOF
  for v in "${VARIANTS[@]}"; do
    start=$(( ${VEC[$v]} - 0x2000 ))
    case "$v" in xip) where="flash (XIP), nothing copied" ;; ram) where="DTCM" ;; ocram) where="OCRAM" ;; esac
    echo "| $v | $where | $(hexnum "$start") | $(hexnum "$start + 0x1000") | $(hexnum "0x2000 + ${BINSZ[$v]}") |"
  done
  cat <<EOF

Consistency check run by build.sh: \`objcopy -I ihex -O binary\`,
\`objcopy -I srec -O binary\` and \`objcopy -O binary\` of the ELF all give
the committed \`.bin\` byte for byte.

sha256:

| file | sha256 |
|---|---|
EOF
  for v in "${VARIANTS[@]}"; do
    echo "| blinky-$v.elf | ${SHA_ELF[$v]} |"
    echo "| blinky-$v.hex | ${SHA_HEX[$v]} |"
    echo "| blinky-$v.srec | ${SHA_SREC[$v]} |"
    echo "| blinky-$v.bin | ${SHA_BIN[$v]} |"
  done
  cat <<EOF

Toolchain:

- \`$GCC_VERSION\`
- \`$BINUTILS_VERSION\`
EOF
} > out/README.md

# Plain data files in git: no executable bit (objcopy copies the ELF's mode).
chmod 0644 out/README.md out/blinky-*.elf out/blinky-*.hex out/blinky-*.srec out/blinky-*.bin

echo
echo "wrote out/README.md"

# ---- optional: second build must be byte-identical -------------------------
if (( CHECK_REPRO )); then
  build_into "$TMP/again"
  for v in "${VARIANTS[@]}"; do
    for ext in elf hex srec bin; do
      if ! cmp -s "out/blinky-$v.$ext" "$TMP/again/blinky-$v.$ext"; then
        echo "build.sh: not reproducible: blinky-$v.$ext" >&2
        exit 1
      fi
    done
  done
  echo "reproducible: a second build gave identical bytes for all 12 outputs"
fi
