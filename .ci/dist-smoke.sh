#!/usr/bin/env bash
# Distribution check (issue 14): after `mvn package` (or verify), unpacks cli/target/lcompress-VERSION.tar.gz
# and its -train archive into an empty, read-only temporary folder, puts a symlink to bin/lcompress on a
# temporary PATH and, from another folder:
#   - --version, encode, decode, re-encode: the round trip is exact (the re-encoded file is identical);
#   - '-' for stdin/stdout; '-' with stdout on a terminal (script(1)) refuses with one line, exit 1;
#   - the class-data sharing archive goes to $HOME/.cache/lcompress, not the install folder, and only a
#     coding command makes it (not --version);
#   - level 1 (the quick JIT, without the Vector API module) round-trips;
#   - train (tiny) works and prints no SLF4J warnings;
#   - without lib/train: encode and decode still work, train fails with one line, train --help works;
#   - the man page opens with man -l, the bash completion loads;
#   - the checkout's ./lcompress works through a symlink too; no ANSI escape codes on any stderr,
#     including Maven's.
# Usage: .ci/dist-smoke.sh   (about 30 s; exits non-zero with a message on the first failure)
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)"
ARCHIVE="$(ls "$ROOT"/cli/target/lcompress-*.tar.gz 2>/dev/null | grep -v -- '-train\.tar\.gz$' | head -1 || true)"
if [[ -z "$ARCHIVE" ]]; then
  echo "dist-smoke: no cli/target/lcompress-VERSION.tar.gz: run mvn package first" >&2
  exit 1
fi
TRAIN_ARCHIVE="${ARCHIVE%.tar.gz}-train.tar.gz"
TMP="$(mktemp -d)"
cleanup() { chmod -R u+w "$TMP" 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT
fail() { echo "dist-smoke: FAILED: $*" >&2; exit 1; }
step() { echo "dist-smoke: $*"; }
ESC=$'\e'
# stderr of each command is kept in $TMP/err; no ANSI escape may appear in it
no_escapes() { if grep -q "$ESC" "$TMP/err"; then fail "ANSI escape codes on stderr of $*: $(cat -v "$TMP/err")"; fi; }

mkdir -p "$TMP/opt" "$TMP/bin" "$TMP/home" "$TMP/work" "$TMP/data"
tar -xzf "$ARCHIVE" -C "$TMP/opt"
tar -xzf "$TRAIN_ARCHIVE" -C "$TMP/opt"
INSTALL="$(ls -d "$TMP"/opt/lcompress-*)"
[[ -x "$INSTALL/bin/lcompress" ]] || fail "no executable bin/lcompress in $ARCHIVE"
[[ -f "$INSTALL/lib/lcompress.jar" && -d "$INSTALL/lib/train" ]] || fail "lib/lcompress.jar or lib/train/ missing"
if ls "$INSTALL"/lib/*.jar | grep -qi 'nd4j\|deeplearning4j\|lcompress-model'; then
  fail "training libraries in lib/ (they belong in lib/train/)"
fi
chmod -R a-w "$INSTALL"        # the install folder may be read-only
# a chain of symlinks: PATH/lcompress -> links/lc -> install/bin/lcompress
mkdir -p "$TMP/links"
ln -s "$INSTALL/bin/lcompress" "$TMP/links/lc"
ln -s ../links/lc "$TMP/bin/lcompress"
cp "$ROOT/testdata/astronaut-crop.png" "$TMP/data/astronaut.png"
cp "$ROOT/testdata/coffee-crop.png" "$TMP/data/coffee.png"

export HOME="$TMP/home"
unset XDG_CACHE_HOME LCOMPRESS_CDS JAVA_OPTS
export PATH="$TMP/bin:$PATH"
cd "$TMP/work"
[[ "$(command -v lcompress)" == "$TMP/bin/lcompress" ]] || fail "lcompress is not the symlink on PATH"

step "--version through a symlink chain, from another folder"
v="$(lcompress --version 2>"$TMP/err")" || fail "--version: $(cat "$TMP/err")"
[[ "$v" == "lcompress "* ]] || fail "--version printed: $v"
no_escapes --version
if ls "$HOME"/.cache/lcompress/cds-*/lcompress-*.jsa >/dev/null 2>&1; then
  fail "--version made a class-data sharing archive (only a coding command makes it)"
fi

round_trip() {
  lcompress encode "$TMP/data/astronaut.png" a.lc 2>"$TMP/err" >/dev/null || fail "encode: $(cat "$TMP/err")"
  no_escapes encode
  lcompress decode -f a.lc back.png 2>"$TMP/err" >/dev/null || fail "decode: $(cat "$TMP/err")"
  no_escapes decode
  # the coder is lossless and deterministic: the decoded PNG encodes to the same file exactly when
  # its pixels (and kept chunks) are the original's
  lcompress encode -f back.png again.lc 2>"$TMP/err" >/dev/null || fail "encode again: $(cat "$TMP/err")"
  cmp -s a.lc again.lc || fail "round trip not exact: a.lc and again.lc differ"
  lcompress encode - - <"$TMP/data/astronaut.png" >stdout.lc 2>"$TMP/err" || fail "encode - -: $(cat "$TMP/err")"
  cmp -s a.lc stdout.lc || fail "encode - - differs from encode IN OUT"
  rm -f a.lc back.png again.lc stdout.lc
}
step "encode, decode, re-encode: exact"
round_trip
ls "$HOME"/.cache/lcompress/cds-*/lcompress-*.jsa >/dev/null 2>&1 || fail "no class-data sharing archive in \$HOME/.cache/lcompress"
if find "$INSTALL" -name '*.jsa' | grep -q .; then fail "an archive was written into the install folder"; fi

step "the archive leaves the coder to the JIT (JDK-8306460: no method recorded as queued for compilation)"
out="$(JAVA_OPTS=-XX:+PrintCompilation lcompress encode -q -f -e 1 "$TMP/data/astronaut.png" a.lc 2>&1)" \
    || fail "encode -e 1 with PrintCompilation: $out"
grep -q 'StripeCoder::encode' <<<"$out" || fail "StripeCoder::encode was never compiled in a run that maps the archive"
rm -f a.lc

step "a library jar newer than the archive: the archive is made again (the JVM would refuse the old one)"
archive="$(ls "$HOME"/.cache/lcompress/cds-*/lcompress-*.jsa | head -1)"
lib="$(ls "$INSTALL"/lib/*.jar | grep -v '/lcompress\.jar$' | head -1)"
[[ -n "$lib" ]] || fail "no library jar beside lcompress.jar in $INSTALL/lib"
sleep 1
touch "$lib"
[[ "$lib" -nt "$archive" ]] || fail "touch did not make $lib newer than the archive"
lcompress encode -f "$TMP/data/astronaut.png" a.lc 2>"$TMP/err" >/dev/null || fail "encode: $(cat "$TMP/err")"
[[ "$archive" -nt "$lib" ]] || fail "the archive was not made again after $lib changed"
rm -f a.lc

step "level 1 (quick JIT, no Vector API module): encode, decode exact"
lcompress encode -e 1 "$TMP/data/coffee.png" c.lc 2>"$TMP/err" >/dev/null || fail "encode -e 1: $(cat "$TMP/err")"
no_escapes "encode -e 1"
lcompress decode c.lc c.png 2>"$TMP/err" >/dev/null || fail "decode of level 1: $(cat "$TMP/err")"
lcompress encode -e 1 -f c.png c2.lc 2>"$TMP/err" >/dev/null || fail "encode -e 1 again: $(cat "$TMP/err")"
cmp -s c.lc c2.lc || fail "level 1 round trip not exact"
rm -f c.lc c.png c2.lc

if command -v script >/dev/null 2>&1 && script -qec true /dev/null </dev/null >/dev/null 2>&1; then
  step "'-' with stdout on a terminal refuses"
  set +e
  out="$(script -qec "lcompress encode $TMP/data/astronaut.png -" /dev/null </dev/null 2>&1)"
  rc=$?
  set -e
  [[ "$rc" == 1 ]] || fail "encode to a terminal exited $rc: $out"
  [[ "$(printf '%s' "$out" | tr -d '\r' | grep -c .)" == 1 && "$out" == *"lcompress: not writing binary data to a terminal"* ]] \
    || fail "encode to a terminal printed: $(printf '%s' "$out" | cat -v)"
else
  step "(no script(1) or no pseudo-terminal: terminal refusal not checked here; TerminalOutputTest covers it)"
fi

step "train with lib/train: works, no SLF4J warnings"
OMP_NUM_THREADS=1 lcompress train --data "$TMP/data" --holdout none --epochs 1 --samples-per-epoch 4096 --batch 1024 \
  --hidden 8,8 --out "$TMP/work/tiny.lcw" >/dev/null 2>"$TMP/err" || fail "train: $(cat "$TMP/err")"
[[ -s "$TMP/work/tiny.lcw" ]] || fail "train wrote no weights"
if grep -q 'SLF4J' "$TMP/err"; then fail "train printed SLF4J warnings: $(grep SLF4J "$TMP/err")"; fi
no_escapes train

step "without lib/train: encode and decode work, train says what is missing in one line"
chmod u+w "$INSTALL/lib"
chmod -R u+w "$INSTALL/lib/train"
rm -rf "$INSTALL/lib/train"
chmod a-w "$INSTALL/lib"
round_trip
set +e
lcompress train --data "$TMP/data" --out "$TMP/work/x.lcw" >/dev/null 2>"$TMP/err"
rc=$?
set -e
[[ "$rc" == 1 ]] || fail "train without lib/train exited $rc: $(cat "$TMP/err")"
[[ "$(grep -c . "$TMP/err")" == 1 ]] && grep -q '^lcompress: train needs the training libraries' "$TMP/err" \
  || fail "train without lib/train printed: $(cat "$TMP/err")"
lcompress train --help >/dev/null 2>"$TMP/err" || fail "train --help without lib/train: $(cat "$TMP/err")"

step "man page and bash completion"
for p in lcompress lcompress-encode lcompress-decode lcompress-eval; do
  [[ -s "$INSTALL/man/man1/$p.1" ]] || fail "no man/man1/$p.1"
done
if command -v man >/dev/null 2>&1; then
  MANPAGER=cat MANWIDTH=80 man -l "$INSTALL/man/man1/lcompress.1" 2>"$TMP/err" | grep -q 'encode' \
    || fail "man -l lcompress.1: $(cat "$TMP/err")"
fi
bash -c "source '$INSTALL/share/bash-completion/lcompress_completion' && complete -p lcompress" >/dev/null 2>&1 \
  || fail "the bash completion does not load"

step "the checkout's ./lcompress through a symlink, from another folder"
ln -s "$ROOT/lcompress" "$TMP/bin/lcompress-checkout"
v="$(lcompress-checkout --version 2>"$TMP/err")" || fail "checkout launcher --version: $(cat "$TMP/err")"
[[ "$v" == "lcompress "* ]] || fail "checkout launcher --version printed: $v"
no_escapes "the checkout launcher"

step "Maven prints no colour codes"
(cd "$ROOT" && mvn -q validate 2>"$TMP/err" >/dev/null) || fail "mvn -q validate: $(cat "$TMP/err")"
no_escapes "mvn -q validate"

step "all passed"
