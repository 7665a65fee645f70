# shellcheck shell=bash
# Sourced by bench/faults and bench/clients, which differ only in their program: installs what they
# need (as root), builds the program (Release) when a source changed, and the Native AOT sshkeep it
# measures unless --sshkeep names one, then runs it in the foreground from the repository root (so
# the default --out, bench/results, lands in this clone). Ctrl-C stops the run, removes every
# iptables rule it added and prints the trials that finished.

# run_bench_program NAME ARGS... : NAME is the folder under bench/ (Faults, Clients).
run_bench_program() {
  local name=$1 root project program
  shift
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  # shellcheck source=../scripts/ensure-packages.sh
  . "$root/scripts/ensure-packages.sh"
  # shellcheck source=../scripts/quiet-build.sh
  . "$root/scripts/quiet-build.sh"
  # shellcheck source=../scripts/native-sshkeep.sh
  . "$root/scripts/native-sshkeep.sh"
  export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
  project="$root/bench/$name/$name.csproj"
  program="$root/bench/$name/bin/Release/net10.0/SshKeep.Bench.$name"
  local help='' sshkeep=()
  case " $* " in
    *" --help "* | *" -h "*) help=1 ;;
  esac
  if [ -z "$help" ] && [ "$(id -u)" -eq 0 ]; then
    ensure_packages openssh-server openssh-client autossh iptables || exit 1
  fi

  # Builds quietly, and only when the program is missing or older than a source or build file.
  if stale "$program" "$root/src" "$root/bench/$name" "$root/bench/Shared"; then
    quietly dotnet build "$project" -c Release -nologo -v q -clp:ErrorsOnly || { echo "bench/${name,,}: build failed" >&2; exit 1; }
    touch "$program"
  fi

  case " $* " in
    *" --sshkeep "*) ;;
    *)
      if [ -z "$help" ]; then
        native_sshkeep "$root/bench/$name/bin/sshkeep-native" || exit 1
        sshkeep=(--sshkeep "$NATIVE_SSHKEEP")
      fi
      ;;
  esac
  cd "$root"
  exec "$program" ${sshkeep[@]+"${sshkeep[@]}"} "$@"
}
