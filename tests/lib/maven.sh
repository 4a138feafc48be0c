# maven_jar: fetch one pinned jar from Maven Central into a machine-wide cache. Source it.
#
#   path=$(maven_jar org.jetbrains.kotlinx kotlinx-coroutines-core-jvm 1.10.2 <sha256>)
#
# Plain HTTPS from repo1.maven.org (no Maven or Gradle here); the sha256 pin is checked on
# every call, so a corrupted or swapped jar fails loudly. Cache: $INKAN_MAVEN_CACHE
# (default /var/cache/inkan/maven), so CI runs after the first one need no network.
maven_jar() {
  local group="$1" artifact="$2" version="$3" sha256="$4"
  local cache="${INKAN_MAVEN_CACHE:-/var/cache/inkan/maven}"
  local file="$cache/$artifact-$version.jar"
  local url="https://repo1.maven.org/maven2/${group//.//}/$artifact/$version/$artifact-$version.jar"
  mkdir -p "$cache"
  if [ ! -f "$file" ] || ! echo "$sha256  $file" | sha256sum -c --quiet - >/dev/null 2>&1; then
    curl -sSfL --retry 3 -o "$file.part" "$url" || { echo "maven_jar: cannot fetch $url" >&2; return 1; }
    if ! echo "$sha256  $file.part" | sha256sum -c --quiet - >/dev/null 2>&1; then
      echo "maven_jar: checksum mismatch for $url" >&2; rm -f "$file.part"; return 1
    fi
    mv "$file.part" "$file"
  fi
  printf '%s\n' "$file"
}

# kotlinx-coroutines for the generated bindings' suspend functions (Debian's 1.0.1 is too old;
# npm's is the JS build). Both the binding tests and the Android shell need it.
coroutines_jar() {
  maven_jar org.jetbrains.kotlinx kotlinx-coroutines-core-jvm 1.10.2 \
    5ca175b38df331fd64155b35cd8cae1251fa9ee369709b36d42e0a288ccce3fd
}
