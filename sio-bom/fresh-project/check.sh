#!/usr/bin/env bash
# "Use Sio in your project" for real: installs the reactor (sio-bom, sio-server, sio-client and
# what they need) into a PRIVATE local repository, writes a fresh Maven project whose pom holds
# README.md's <!-- fresh-project:pom --> block and whose main method is README.md's
# <!-- fresh-project:java --> block, then compiles and runs it and checks what it printed.
#   sio-bom/fresh-project/check.sh          (about a minute; Central only for what ~/.m2 lacks)
# Third-party artifacts are copied from ~/.m2/repository, used read-only as a file:// repository
# ahead of Maven Central, so nothing is written there. Exits 0 when the example printed its reply, non-zero otherwise.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sio-fresh-XXXXXX")"
REPO="$WORK/m2"
SHARED="${SIO_FRESH_MIRROR:-$HOME/.m2/repository}"
trap 'rm -rf "$WORK"' EXIT

say() { printf 'fresh-project: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# The first fenced block after the README line holding <!-- fresh-project:NAME.
block() {
  awk -v m="<!-- fresh-project:$1" '
    index($0, m) == 1 { found = 1; next }
    found && /^```/ { if (inside) exit; inside = 1; next }
    inside { print }' "$ROOT/README.md"
}

# The BOM has no parent: its pinned versions must be the reactor's.
version_of() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$2" | head -1; }
for p in netty.version jackson.version lettuce.version msgpack.version; do
  [ "$(version_of "$p" "$ROOT/pom.xml")" = "$(version_of "$p" "$ROOT/sio-bom/pom.xml")" ] ||
    die "sio-bom/pom.xml's $p differs from pom.xml's"
done
VERSION="$(version_of version "$ROOT/sio-bom/pom.xml")"
PARENT_VERSION="$(sed -n '0,/<artifactId>sio-parent<\/artifactId>/d; s:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -1)"
[ "$VERSION" = "$PARENT_VERSION" ] || die "sio-bom is $VERSION, the reactor $PARENT_VERSION"

POM_BLOCK="$(block pom)"
JAVA_BLOCK="$(block java)"
[ -n "$POM_BLOCK" ] || die "README.md has no <!-- fresh-project:pom --> block"
[ -n "$JAVA_BLOCK" ] || die "README.md has no <!-- fresh-project:java --> block"
grep -q "<version>$VERSION</version>" <<< "$POM_BLOCK" || die "README's BOM version is not $VERSION"

mkdir -p "$REPO"
cat > "$WORK/settings.xml" << XML
<settings>
  <localRepository>$REPO</localRepository>
  <profiles>
    <profile>
      <id>shared-first</id>
      <repositories>
        <repository><id>shared-read-only</id><url>file://$SHARED</url></repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository><id>shared-read-only</id><url>file://$SHARED</url></pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>shared-first</activeProfile></activeProfiles>
</settings>
XML
MVN=(mvn -B -q -s "$WORK/settings.xml" -Dmaven.repo.local="$REPO")

say "installing Sio $VERSION into $REPO ..."
"${MVN[@]}" -f "$ROOT/pom.xml" -pl sio-bom,sio-server,sio-client -am install \
  -DskipTests -Dspotless.check.skip=true > "$WORK/install.log" 2>&1 ||
  { cat "$WORK/install.log" >&2; die "installing the reactor failed"; }

# A free loopback port for the example instead of README's 3000.
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"

APP="$WORK/app"
mkdir -p "$APP/src/main/java/example"
cat > "$APP/pom.xml" << XML
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>fresh</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
$POM_BLOCK
  <build>
    <plugins>
      <plugin>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.14.1</version>
      </plugin>
      <plugin>
        <artifactId>maven-resources-plugin</artifactId>
        <version>3.3.1</version>
      </plugin>
    </plugins>
  </build>
</project>
XML
# README's example inside a main method; it runs on PORT and closes what it opened afterwards.
{
  printf 'package example;\n\n'
  printf 'import dev.sio.client.*;\nimport dev.sio.server.*;\n'
  printf 'import java.net.URI;\nimport java.time.Duration;\nimport java.util.Map;\n\n'
  printf 'public class Main {\n  public static void main(String[] args) throws Exception {\n'
  sed -e "s/port(3000)/host(\"127.0.0.1\").port($PORT)/" \
      -e "s#http://localhost:3000#http://127.0.0.1:$PORT#" <<< "$JAVA_BLOCK"
  printf '    System.out.println("reply: " + reply);\n'
  printf '    client.io().close();\n    io.close();\n  }\n}\n'
} > "$APP/src/main/java/example/Main.java"

say "compiling and running README's example on 127.0.0.1:$PORT ..."
"${MVN[@]}" -f "$APP/pom.xml" compile > "$WORK/compile.log" 2>&1 ||
  { cat "$WORK/compile.log" "$APP/src/main/java/example/Main.java" >&2; die "the fresh project does not compile"; }
"${MVN[@]}" -f "$APP/pom.xml" dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" \
  > "$WORK/cp.log" 2>&1 || { cat "$WORK/cp.log" >&2; die "no class path"; }
OUT="$(timeout 60 java -cp "$APP/target/classes:$(cat "$WORK/cp.txt")" example.Main 2>&1)" ||
  { printf '%s\n' "$OUT" >&2; die "the example failed"; }
printf '%s\n' "$OUT"
grep -qx "reply: stored" <<< "$OUT" || die "the example did not print 'reply: stored'"
say "ok: the README's Maven block and example work in a fresh project"
