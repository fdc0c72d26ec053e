#!/usr/bin/env bash
# Builds the app image "MCP Proxy" (and on Linux, where dpkg-deb is, its .deb): ./mvnw -Ppackage package runs it in
# mcp-proxy-bundle's package phase, after the desktop's and the sidecar's jars are built.
#   package.sh PROJECT_ROOT OUTPUT_DIR VERSION JAVAFX_PLATFORM
# One trimmed Java runtime (jlink from the running JDK's own modules, JEP 493: no jmods needed) holds the JDK modules
# the jars use (jdeps) and JavaFX, whose native libraries are files of the runtime, where JavaFX looks first: nothing
# is extracted into the user's home at run. Two launchers share it: the desktop app ("MCP Proxy") and
# mcp-proxy-server (headless, usable alone), with mcp-proxy-server/jvm.options and a class cache (JEP 483) trained on
# the image's own runtime.
set -euo pipefail
root=$1 out=$2 version=$3 platform=$4
name="MCP Proxy"

case $(uname -s) in
  Linux) os=linux ;;
  Darwin) os=mac ;;
  MINGW* | MSYS* | CYGWIN*) os=windows ;;
  *) echo "package.sh: no app image for $(uname -s)" >&2; exit 2 ;;
esac
# jpackage takes numbers only; macOS's bundle version may not start with 0, so there the first number is at least 1
# (mcp-proxy-server --version still prints the pom's version, from the jar).
app_version=${version%%-*}
if [ "$os" = mac ] && [ "${app_version%%.*}" = 0 ]; then app_version=1.${app_version#*.}; fi

rm -rf "$out"
mkdir -p "$out/input" "$out/javafx" "$out/configs/examples"
# The app's jars: the desktop's and the sidecar's with their libraries; JavaFX's go into the runtime instead.
cp "$root"/mcp-proxy-desktop/target/mcp-proxy-desktop.jar "$root"/mcp-proxy-desktop/target/lib/*.jar "$out/input/"
cp "$root"/mcp-proxy-server/target/mcp-proxy-server.jar "$root"/mcp-proxy-server/target/lib/*.jar "$out/input/"
mv "$out"/input/javafx-*-"$platform".jar "$out"/input/jdk-jsobject-*-"$platform".jar "$out/javafx/"
rm "$out"/input/javafx-*.jar "$out"/input/jdk-jsobject-*.jar

modules=$(jdeps --multi-release 25 --ignore-missing-deps --print-module-deps --module-path "$out/javafx" \
  "$out"/input/*.jar | tail -1)
echo "runtime modules (jdeps): $modules"
# JavaFX's natives leave its modules (they would be twice in the image) and become files of the runtime. On Linux,
# those of java.desktop's natives that nothing loads go too: the tray icon is AWT's (libawt, libawt_xawt, fonts and
# images for its menu and icon), but nothing plays sound, shows a splash screen or runs AWT headless.
excluded=() # expanded as ${excluded[@]+...}: macOS's bash 3.2 calls an empty array unset
if [ "$os" = linux ]; then
  excluded=(--exclude-files='regex:.*/lib(awt_headless|jsound|splashscreen)\.so')
fi
# On Linux the runtime keeps its java launcher, and only it, for the sidecar's launcher (below).
commands=--strip-native-commands
[ "$os" = linux ] && commands=
# The modules are not compressed by jlink: what users download is compressed anyway (.deb, .dmg, .msi, .tar.gz),
# and xz takes the classes to 14 MB from 74 where it leaves jlink's zip-9 at 32 MB from 34 (the .deb 84 -> 67 MB);
# nothing is inflated as a class loads. The image on disk is 40 MB larger for it.
jlink --module-path "$out/javafx" --add-modules "$modules" --output "$out/runtime" \
  --exclude-resources='/javafx.*/*.so,/javafx.*/*.dylib,/javafx.*/*.dll' ${excluded[@]+"${excluded[@]}"} \
  --strip-debug $commands --no-man-pages --no-header-files
if [ "$os" = linux ]; then find "$out/runtime/bin" -type f ! -name java -delete; fi
natives=$out/runtime/lib
[ "$os" = windows ] && natives=$out/runtime/bin
# Not JavaFX's media players (GStreamer, ~3 MB): the UI plays no audio or video, and WebKit loads them only to play.
for jar in "$out"/javafx/javafx-*.jar; do
  unzip -q -o "$jar" '*.so' '*.dylib' '*.dll' -x '*gstreamer*' '*jfxmedia*' '*fxplugins*' '*avplugin*' \
    -d "$natives" 2>/dev/null || [ $? -eq 11 ] # 11: no such file in that jar
done

cp "$root/examples/default-config.yaml" "$out/configs/"
cp -R "$root"/examples/. "$out/configs/examples/"

flags=$(grep -v -e '^#' -e '^$' "$root/mcp-proxy-server/jvm.options" | tr '\n' ' ')
{
  echo "main-jar=mcp-proxy-server.jar"
  echo "main-class=dev.mcpproxy.server.sidecar.Main"
  echo "java-options=$flags"
  echo "win-console=false"
  echo "linux-shortcut=false"
} > "$out/mcp-proxy-server.properties"
case $os in
  linux) icon=mcp-proxy.png ;;
  mac) icon=mcp-proxy.icns ;;
  windows) icon=mcp-proxy.ico ;;
esac
# The window's JVM takes the choices ./mcp-proxy desktop gives it (one-thread GC, C1, a small heap; WebKit's memory
# is its own), and JavaFX, named modules of the runtime, may call native code.
jpackage --type app-image --name "$name" --app-version "$app_version" --vendor "MCP Proxy" \
  --input "$out/input" --main-jar mcp-proxy-desktop.jar --main-class dev.mcpproxy.desktop.Main \
  --runtime-image "$out/runtime" --app-content "$out/configs" --icon "$(dirname "$0")/src/icons/$icon" \
  --java-options "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xms16m -Xmx96m -Xss512k" \
  --java-options "--enable-native-access=javafx.graphics,javafx.web" \
  --add-launcher mcp-proxy-server="$out/mcp-proxy-server.properties" --dest "$out/image"

case $os in
  linux) image="$out/image/$name" app="$image/lib/app" launchers="$image/bin" ;;
  mac) image="$out/image/$name.app" app="$image/Contents/app" launchers="$image/Contents/MacOS" ;;
  windows) image="$out/image/$name" app="$image/app" launchers="$image" ;;
esac
# On Linux, jpackage's launcher asks rpm and then dpkg which package owns it, on every start (~150 ms of the
# sidecar's ~350 ms to answer /health). The sidecar's launcher there is instead a script that runs the runtime's
# java with the same flags and class path; the desktop's launcher, started once a session, stays jpackage's.
if [ "$os" = linux ]; then
  classpath=
  for jar in mcp-proxy-server.jar $(cd "$root/mcp-proxy-server/target/lib" && ls *.jar); do
    classpath="$classpath${classpath:+:}\$app/$jar"
  done
  cat > "$launchers/mcp-proxy-server" <<EOF
#!/bin/sh
# mcp-proxy-server, the sidecar of MCP Proxy, headless. Made by package.sh: see there why it is a script.
app=\$(dirname "\$(dirname "\$(readlink -f "\$0")")")/lib/app
set -- -cp "$classpath" dev.mcpproxy.server.sidecar.Main "\$@"
# The class cache made at build time; absent only while package.sh trains it.
[ -f "\$app/mcp-proxy-server.aot" ] && set -- -XX:AOTCache="\$app/mcp-proxy-server.aot" "\$@"
exec "\${app%/app}/runtime/bin/java" $flags "\$@"
EOF
  chmod 755 "$launchers/mcp-proxy-server"
  rm "$app/mcp-proxy-server.cfg"
fi
# The sidecar's class cache, trained by the image's own launcher (so for its runtime and class path): a start against
# itself (--aot-training) records what loads, then the cache is made from that. In two steps, with the files named
# relative to the app folder, because the image's path has a space and JAVA_TOOL_OPTIONS splits on spaces.
(
  cd "$app"
  sidecar="$launchers/mcp-proxy-server"
  JAVA_TOOL_OPTIONS="-XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining -XX:AOTMode=record \
-XX:AOTConfiguration=mcp-proxy-server.aotconf" "$sidecar" --aot-training >/dev/null 2>&1
  JAVA_TOOL_OPTIONS="-XX:AOTMode=create -XX:AOTConfiguration=mcp-proxy-server.aotconf \
-XX:AOTCache=mcp-proxy-server.aot" "$sidecar" --version >/dev/null 2>&1
  rm mcp-proxy-server.aotconf
)
# A cache that no longer fits (another runtime) is skipped by the JVM, which then starts without it. (On Linux the
# sidecar's script names it.)
if [ "$os" != linux ]; then
  sed -i.orig '/^\[JavaOptions\]$/a\
java-options=-XX:AOTCache=$APPDIR/mcp-proxy-server.aot
' "$app/mcp-proxy-server.cfg"
  rm "$app/mcp-proxy-server.cfg.orig"
fi

size() { du -sk "$1" | awk '{printf "%.1f MB", $1 * 1024 / 1e6}'; }
archive=$out/mcp-proxy-$version-$os.tar.gz
tar -czf "$archive" -C "$out/image" "$(basename "$image")"
echo "app image: $image, $(size "$image") (target 180 MB: JavaFX's WebKit alone is 123)"
echo "compressed image: $archive, $(size "$archive")"

if [ "$os" = linux ] && command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then
  # jpackage's resources for the package: the app's menu icon, and for the sidecar, which jpackage gives a desktop
  # entry of its own too (every launcher with an icon gets one), an entry menus do not show.
  mkdir -p "$out/deb-resources"
  cp "$(dirname "$0")/src/icons/mcp-proxy.png" "$out/deb-resources/$name.png"
  cp "$(dirname "$0")/src/deb/mcp-proxy-server.desktop" "$out/deb-resources/"
  # GTK 3 for JavaFX's windows, GL for its renderer, Xtst and Xxf86vm for its X calls: what .ci/run installs for the
  # tests. jpackage adds the packages of the libraries the image's natives link against.
  jpackage --type deb --app-image "$image" --name "$name" --app-version "$app_version" --vendor "MCP Proxy" \
    --description "One endpoint for all your MCP servers, with a desktop window to run them" \
    --linux-package-name mcp-proxy --linux-deb-maintainer mcp-proxy@localhost \
    --linux-package-deps "libgtk-3-0 | libgtk-3-0t64, libgl1, libxtst6, libxxf86vm1" \
    --linux-shortcut --linux-menu-group "Development;Network" --linux-app-category devel \
    --resource-dir "$out/deb-resources" --dest "$out"
  deb=$(ls "$out"/mcp-proxy_*.deb)
  echo "deb: $deb, $(size "$deb") (target 80 MB)"
fi
