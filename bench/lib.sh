# Shared by the bench scripts (sourced, after `root` and `work` are set).

# install_missing COMMAND...: installs with apt-get the Debian packages of the commands not on PATH;
# the word "native-aot" stands for clang and zlib1g-dev, which Native AOT links with.
install_missing() {
  local missing=()
  for c in "$@"; do
    if [ "$c" = native-aot ]; then
      command -v clang >/dev/null || missing+=(clang)
      [ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)
    else
      command -v "$c" >/dev/null || missing+=("$c")
    fi
  done
  if [ "${#missing[@]}" -gt 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; fi
}

# publish_r2r: publishes the tool ReadyToRun (framework-dependent, as the linux-arm64, osx and win-x64 tool packages run it, here for linux-x64); prints gatekit.dll's path.
publish_r2r() {
  dotnet publish "$root/src/GateKit.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    --artifacts-path "$work/r2r" -v quiet -nologo -tl:off >/dev/null
  find "$work/r2r/publish/GateKit.Cli" -name gatekit.dll | head -n 1
}

# publish_aot: publishes the tool Native AOT (as the linux-x64 package ships it); prints the executable's path.
publish_aot() {
  dotnet publish "$root/src/GateKit.Cli" -c Release -r linux-x64 -p:PublishAot=true \
    --artifacts-path "$work/aot" -v quiet -nologo -tl:off >/dev/null
  find "$work/aot/publish/GateKit.Cli" -type f -name gatekit | head -n 1
}
