# lcompress's choice of JIT compiler for one command line, and the JVM options every command gets (loops
# compiled early, the heap in huge pages), sourced by both launchers (the checkout's ./lcompress and the
# distribution's bin/lcompress); io.lcompress.cli.JitChoice is the same rule in Java (for bench's child
# runs), and JitChoiceTest checks that the two agree.
#
# The levels without a network (effort 1 to 4; models fast, fast2, fast-ols4, fast-ols, ols-pair) spend most of a short
# run waiting for the optimizing compiler (C2): on two cores its compile thread competes with the coder,
# and until it is done the code runs profiled. The quick JIT (C1 alone, -XX:TieredStopAtLevel=1) compiles
# them at once: 0.25 to 0.9 s less a command on a 0.25 to 1 MP photo (docs/BENCHMARKS.md). C2 code is faster in the
# long run, so images above JIT_QUICK_MAX_PIXELS keep it, and the network levels always do (their Vector
# API kernels are C2 intrinsics: under C1 alone level 5 ran 23x slower). Only the speed depends on this
# choice, never a byte of a file. JAVA_OPTS comes after these flags, so it can override them.
#
# jit_choice ARGS...: sets the array JIT_FLAGS to the JVM options for the lcompress command line ARGS.
# - encode, eval: the quick JIT for effort 1, 2, 3 or 4 (-e N, -eN, --effort N, --effort=N) or a model
#   fast, fast2, fast-ols4, fast-ols or ols-pair (-m/--model), when the first PNG file named has at most
#   JIT_QUICK_MAX_PIXELS pixels (or no PNG file is named: standard input, a folder);
# - decode: the quick JIT when the first .lc file named is a version 4 file of at most that many pixels
#   whose first model plane names fast (id 1), fast-ols (11), ols-pair (14), fast-ols4 (19) or fast2 (20), or that holds a PNG
#   stream; anything else (standard input, versions 1 to 3, a file that does not parse) keeps C2;
# - every other command keeps C2.
JIT_QUICK_FLAGS=(-XX:TieredStopAtLevel=1)
# Every command, under either JIT: a loop is compiled (on-stack replacement) after 5,000 back-edges instead
# of HotSpot's 60,000. The coder's loops over a stripe's pixels, the orientation estimate's and the PNG's
# are each entered once per stripe or image, so until then they ran in the interpreter: about the first
# 20,000 pixels of every stripe. Whole commands, interleaved runs on valid/ (docs/BENCHMARKS.md, session 18):
# 5 % less time at levels 1 to 3 (quick JIT) and in decoding, 5 to 7 % less under C2 (flower_foveon at
# level 2, peppers3 at level 5); 1,000 and 15,000 back-edges gained less. JitChoice.OSR is the same flag.
JIT_OSR_FLAGS=(-XX:Tier3BackEdgeThreshold=5000)
JIT_QUICK_MAX_PIXELS=2097152
# The Java heap in transparent huge pages (2 MiB), where the kernel gives them on request (madvise mode):
# a fresh JVM otherwise takes one page fault per 4 KiB of heap it first touches, for every image, raster
# and stripe it allocates. Whole commands, interleaved (docs/BENCHMARKS.md, session 19): level 1 on
# valid/ -5 % (three rounds: -2.4 to -8.2 %), a level 2 decode of sail -3 %, peppers3 at level 5 -15 %.
# Nothing where the kernel has them off ("never": the JVM would warn) or always on (no option needed).
# JitChoice.hugePages is the same rule in Java, for bench's child runs.
JVM_HUGE_PAGE_FLAGS=(-XX:+UseTransparentHugePages)
JVM_HUGE_PAGE_MODE=/sys/kernel/mm/transparent_hugepage/enabled

# jvm_huge_pages [MODE_FILE]: sets the array HUGE_PAGE_FLAGS to JVM_HUGE_PAGE_FLAGS when the kernel's
# transparent huge page mode (the file reads e.g. "always [madvise] never") is madvise, else to none.
jvm_huge_pages() {
  HUGE_PAGE_FLAGS=()
  local mode=""
  { IFS= read -r mode || true; } 2>/dev/null < "${1:-$JVM_HUGE_PAGE_MODE}" || return 0
  if [[ "$mode" == *"[madvise]"* ]]; then
    HUGE_PAGE_FLAGS=("${JVM_HUGE_PAGE_FLAGS[@]}")
  fi
  return 0
}

# jit_png_pixels FILE: sets REPLY to width x height when FILE starts like a PNG (signature and IHDR), else
# fails (no subshell: every fork costs milliseconds).
jit_png_pixels() {
  local b
  b=($(od -An -v -tu1 -N24 -- "$1" 2>/dev/null)) || return 1
  (( ${#b[@]} == 24 )) || return 1
  [[ "${b[*]:0:16}" == "137 80 78 71 13 10 26 10 0 0 0 13 73 72 68 82" ]] || return 1
  local w=$(( b[16] << 24 | b[17] << 16 | b[18] << 8 | b[19] ))
  local h=$(( b[20] << 24 | b[21] << 16 | b[22] << 8 | b[23] ))
  REPLY=$(( w * h ))
}

# jit_varint: reads the unsigned LEB128 number (at most 5 bytes) at b[at] into v, advancing at (the
# caller's locals b, n, at and v); fails past the bytes read.
jit_varint() {
  local shift=0 byte
  v=0
  while (( at < n && shift <= 28 )); do
    byte=${b[at]}
    at=$(( at + 1 ))
    v=$(( v | (byte & 127) << shift ))
    (( byte < 128 )) && return 0
    shift=$(( shift + 7 ))
  done
  return 1
}

# jit_lc_quick FILE: succeeds when FILE is a version 4 .lc file that the quick JIT suits (see above);
# returns 1 for another .lc file (or one whose header does not parse), 2 when FILE does not start with
# the .lc magic bytes 8A 4C (the header is read as docs/FORMAT.md lays it out).
jit_lc_quick() {
  local b n at=0 v
  b=($(od -An -v -tu1 -N4096 -- "$1" 2>/dev/null)) || return 2
  n=${#b[@]}
  (( n >= 2 && b[0] == 138 && b[1] == 76 )) || return 2
  (( n >= 4 && b[2] == 4 )) || return 1
  local image=${b[3]}
  at=4
  jit_varint || return 1; local w=$(( v + 1 ))
  jit_varint || return 1; local h=$(( v + 1 ))
  (( w * h <= JIT_QUICK_MAX_PIXELS )) || return 1
  local flags=0
  if (( image & 128 )); then
    jit_varint || return 1; flags=$v
    (( flags & 4 )) && return 0                                   # a PNG stream: no model at all
    if (( flags & 1 )); then jit_varint || return 1; fi               # stripe rows
  fi
  if (( (image & 7) == 3 )); then                                 # the palette block
    jit_varint || return 1
    if (( v & 1 )); then                                          # deflated: skip its stored bytes
      jit_varint || return 1
      at=$(( at + v ))
    else
      at=$(( at + (v >> 1) ))
    fi
  fi
  local planes
  for (( planes = 0; planes < 8 && at < n; planes++ )); do
    local plane=${b[at]}
    at=$(( at + 1 ))
    case $(( plane & 7 )) in
      0) (( at < n )) || return 1
         case ${b[at]} in 1|11|14|19|20) return 0 ;; *) return 1 ;; esac ;;
      1|2|4) at=$(( at + 1 )) ;;
      3|5) ;;
      *) return 1 ;;
    esac
  done
  return 1
}

jit_choice() {
  JIT_FLAGS=()
  local cmd="" effort="" model="" want="" a
  local -a names=()
  for a in "$@"; do
    if [[ -n "$want" ]]; then
      [[ "$want" == effort ]] && effort="$a"
      [[ "$want" == model ]] && model="$a"
      want=""
      continue
    fi
    if [[ -z "$cmd" ]]; then
      [[ "$a" != -* ]] && cmd="$a"
      continue
    fi
    case "$a" in
      -e|--effort) want=effort ;;
      -m|--model) want=model ;;
      --effort=*) effort="${a#--effort=}" ;;
      --model=*) model="${a#--model=}" ;;
      -e?*) effort="${a#-e}" ;;
      -m?*) model="${a#-m}" ;;
      -*) ;;
      *) names+=("$a") ;;
    esac
  done
  local f
  case "$cmd" in
    encode|eval)
      if [[ -n "$model" ]]; then
        case "$model" in fast|fast2|fast-ols4|fast-ols|ols-pair) ;; *) return 0 ;; esac
      else
        case "$effort" in 1|2|3|4) ;; *) return 0 ;; esac
      fi
      for f in ${names[@]+"${names[@]}"}; do
        if [[ -f "$f" ]] && jit_png_pixels "$f"; then
          (( REPLY <= JIT_QUICK_MAX_PIXELS )) || return 0
          break
        fi
      done
      JIT_FLAGS=("${JIT_QUICK_FLAGS[@]}") ;;
    decode)
      for f in ${names[@]+"${names[@]}"}; do
        if [[ -f "$f" ]]; then
          local rc=0
          jit_lc_quick "$f" || rc=$?
          case $rc in
            0) JIT_FLAGS=("${JIT_QUICK_FLAGS[@]}"); return 0 ;;
            1) return 0 ;;                                        # an .lc file, not for the quick JIT
          esac                                                    # 2: not an .lc file, read on
        fi
      done ;;
  esac
  return 0
}
