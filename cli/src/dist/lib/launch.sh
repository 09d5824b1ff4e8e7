# What both launchers share (the checkout's ./lcompress and the distribution's bin/lcompress), sourced by
# both, with jit-choice.sh: finding and checking Java, the JIT choice, the class-data sharing archive,
# the terminal and the run itself. Every external program costs a fork
# and an exec, several milliseconds each on a small machine, in every command a user waits for: this
# file does its work with bash's builtins, except one readlink (which java) and one od (jit-choice.sh).
#
# The launcher sets, once it has found its jar:
#   LAUNCH_JAR         lcompress.jar
#   LAUNCH_JARS        every jar the class path reads (lcompress.jar and the libraries its manifest names): an
#                      archive older than any of them is made again
#   LAUNCH_CLASSPATH   the class path of io.lcompress.cli.Main
#   LAUNCH_CDS_DIR     where the archive lives ("" for none)
# and then calls: launch "$@" (it does not return).

# launch_path_of NAME: sets REPLY to the first executable NAME on PATH, or fails.
launch_path_of() {
  local d
  local IFS=:
  for d in $PATH; do
    if [[ -n "$d" && -f "$d/$1" && -x "$d/$1" ]]; then
      REPLY="$d/$1"
      return 0
    fi
  done
  return 1
}

# launch_release_field FILE KEY: sets REPLY to KEY's value in a JDK release file (KEY="value"), or "".
launch_release_field() {
  local line
  REPLY=""
  while IFS= read -r line || [[ -n "$line" ]]; do
    if [[ "$line" == "$2="* ]]; then
      REPLY="${line#"$2="}"
      REPLY="${REPLY#\"}"
      REPLY="${REPLY%\"}"
      return 0
    fi
  done < "$1"
}

# drop_incubator_warning: copies stdin to stdout, except a first line that is the JVM's announcement of
# the incubating Vector API module.
drop_incubator_warning() {
  local first
  if IFS= read -r first; then
    [[ "$first" == "WARNING: Using incubator modules"* ]] || printf '%s\n' "$first"
  elif [[ -n "$first" ]]; then
    printf '%s' "$first"
  fi
  exec cat
}

launch() {
  # Java 17 or newer: JAVA_HOME's java, else the one on PATH.
  local java_bin java_real
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    java_bin="$JAVA_HOME/bin/java"
  elif launch_path_of java; then
    java_bin="$REPLY"
  else
    echo "lcompress: needs Java 17 or newer: no java on PATH, and JAVA_HOME is not set" >&2
    exit 1
  fi
  java_real="$java_bin"
  if [[ -L "$java_bin" ]]; then
    java_real="$(readlink -f -- "$java_bin" 2>/dev/null || printf '%s' "$java_bin")"
  fi
  # The Java's release file says its version and modules without starting a JVM. The network's dense
  # layers use the Vector API when the incubating module is present (same results, about twice as
  # fast); the JVM then announces the module with one warning line on stderr, dropped below.
  local home="${java_real%/bin/java}" runtime="" vector=(--add-modules jdk.incubator.vector)
  if [[ "$home" != "$java_real" && -r "$home/release" ]]; then
    launch_release_field "$home/release" JAVA_VERSION
    local major="${REPLY%%.*}"
    if [[ "$major" =~ ^[0-9]+$ ]] && (( major < 17 )); then
      echo "lcompress: needs Java 17 or newer; $java_bin is older (set JAVA_HOME to a newer one)" >&2
      exit 1
    fi
    launch_release_field "$home/release" MODULES
    if [[ -n "$REPLY" && " $REPLY " != *" jdk.incubator.vector "* ]]; then
      vector=()
    fi
    launch_release_field "$home/release" JAVA_RUNTIME_VERSION
    runtime="$REPLY"
  fi

  # The command: the first argument that is not an option (as the program itself reads it).
  local command="" a
  for a in "$@"; do
    if [[ "$a" != -* ]]; then
      command="$a"
      break
    fi
  done

  # The JIT compiler for this command line (jit-choice.sh): the quick one (C1 alone) for the levels
  # without a network on images up to 2 MP. Those levels run no network, so they also leave out the
  # Vector API module, whose start-up costs about 40 ms.
  jit_choice "$@"
  jvm_huge_pages
  if (( ${#JIT_FLAGS[@]} > 0 )); then
    vector=()
  fi

  # encode/decode to '-' refuse to write binary data to a terminal: isatty(1), as the shell sees it.
  local stdout_tty=false stderr_tty=false
  [[ -t 1 ]] && stdout_tty=true
  # With the Vector API module, stderr reaches the JVM through the warning filter (a pipe), so the JVM
  # cannot tell a terminal from a file: isatty(2), as the shell sees it. On a terminal the program
  # then writes its own stderr (progress bars, messages) straight to it through fd 4, so that it is
  # neither held back by the filter nor reordered against stdout; the terminal's width keeps a bar on
  # one line.
  local tty_args=()
  if [[ -t 2 ]]; then
    stderr_tty=true
    if (( ${#vector[@]} > 0 )); then
      tty_args=(-Dlcompress.stderr.fd=4)
    fi
    local columns="${COLUMNS:-}"
    if [[ ! "$columns" =~ ^[0-9]+$ ]]; then
      columns="$(stty size < /dev/tty 2>/dev/null || true)"
      columns="${columns#* }"
    fi
    tty_args+=(-Dlcompress.columns="${columns:-80}")
  fi

  # Class-data sharing: after the first coding command that succeeds (encode, decode, eval, bench; not
  # --help or --version), a second JVM records an archive of the classes that coding loads (JDK 13+
  # dynamic archive) from io.lcompress.cli.ArchiveWorkload, small images encoded and decoded at levels 1 to
  # 3; later runs map it instead of loading and verifying those classes again (about 0.1 s of each
  # command). That JVM runs under the interpreter alone (-Xint): a JDK 17 archive keeps the "queued for
  # compilation" mark of the methods waiting to be compiled when it is written (JDK-8306460), and those are
  # then never compiled in the runs that map it (recorded at the end of a user's command, it could leave
  # the coder's loop interpreted: three times slower). It takes about 2.3 s, once (a failure leaves
  # ARCHIVE.failed, so that it is not tried again until the jar changes). An archive only fits the exact
  # JVM build and jars it was made with: its name carries the JVM's path and build (the release file's
  # JAVA_RUNTIME_VERSION), and it is made again when a jar is newer. LCOMPRESS_CDS=0 turns it off; train
  # (long, another class path) never uses it.
  local cds_flags=() archive="" make=""
  if [[ "${LCOMPRESS_CDS:-1}" != 0 && -n "$LAUNCH_CDS_DIR" && "$command" != train ]]; then
    local jvm_key="${java_real}-${runtime}"
    jvm_key="${jvm_key//[^A-Za-z0-9._+-]/_}"
    archive="$LAUNCH_CDS_DIR/lcompress-$jvm_key.jsa"
    # A JVM refuses an archive whose jars changed since it was made, silently under -Xlog:cds=off, and
    # loads lcompress's classes from the jars again; so the archive must be newer than every jar of the
    # class path, not only lcompress.jar (a library replaced on its own).
    local current=false j
    if [[ -f "$archive" ]]; then
      current=true
      for j in "$LAUNCH_JAR" ${LAUNCH_JARS[@]+"${LAUNCH_JARS[@]}"}; do
        if [[ ! "$archive" -nt "$j" ]]; then
          current=false
          break
        fi
      done
    fi
    if [[ "$current" == true ]]; then
      cds_flags=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
    elif [[ -f "$archive.failed" && "$archive.failed" -nt "$LAUNCH_JAR" ]]; then
      :                                     # recording failed with this jar: not again after every command
    else
      case "$command" in
        encode|decode|eval|bench)
          if (umask 077 && mkdir -p -- "$LAUNCH_CDS_DIR") 2>/dev/null && [[ -w "$LAUNCH_CDS_DIR" ]]; then
            # this JVM's archives of other builds go (and a stale one of this build is replaced below)
            rm -f -- "$LAUNCH_CDS_DIR/lcompress-${java_real//[^A-Za-z0-9._+-]/_}-"*.jsa \
                "$LAUNCH_CDS_DIR/lcompress-${java_real//[^A-Za-z0-9._+-]/_}-"*.jsa.failed 2>/dev/null || true
            make="$archive.tmp.$$"          # recorded after the command (below)
          fi ;;
      esac
    fi
  fi

  # JAVA_OPTS comes after the launcher's options, so it can override them.
  # shellcheck disable=SC2206   # JAVA_OPTS is split into options on purpose
  local cmd=("$java_bin" "${JIT_OSR_FLAGS[@]}" ${HUGE_PAGE_FLAGS[@]+"${HUGE_PAGE_FLAGS[@]}"} ${JIT_FLAGS[@]+"${JIT_FLAGS[@]}"} ${JAVA_OPTS:-} ${cds_flags[@]+"${cds_flags[@]}"}
      ${vector[@]+"${vector[@]}"} -Dlcompress.stdout.tty="$stdout_tty" -Dlcompress.stderr.tty="$stderr_tty"
      ${tty_args[@]+"${tty_args[@]}"} -cp "$LAUNCH_CLASSPATH" io.lcompress.cli.Main "$@")
  if [[ -z "$make" && ${#vector[@]} == 0 ]]; then
    exec "${cmd[@]}"                                   # nothing to filter, nothing to do afterwards
  fi
  local status
  set +e
  if (( ${#vector[@]} > 0 )); then
    { "${cmd[@]}" 2>&1 1>&3 3>&- | drop_incubator_warning >&2 4>&-; } 3>&1 4>&2
    status="${PIPESTATUS[0]}"
  else
    "${cmd[@]}"
    status=$?
  fi
  if [[ -n "$make" && "$status" == 0 ]]; then
    # shellcheck disable=SC2206   # JAVA_OPTS is split into options on purpose
    "$java_bin" -Xint ${JAVA_OPTS:-} -XX:ArchiveClassesAtExit="$make" -Xlog:cds=off -Xlog:cds+dynamic=off \
        -cp "$LAUNCH_CLASSPATH" io.lcompress.cli.ArchiveWorkload </dev/null >/dev/null 2>&1
    if [[ $? == 0 && -s "$make" ]]; then
      mv -f -- "$make" "$archive" 2>/dev/null
    else
      : >"$archive.failed" 2>/dev/null      # (a temporary folder that cannot be written, say)
    fi
    rm -f -- "$make" 2>/dev/null
  fi
  exit "$status"
}
