#!/usr/bin/env bash
# Provides the kube-apiserver, etcd and kubectl binaries that the integration tests
# (fabric8 kube-api-test) start. They live in ~/.kubeapitest/k8s/<version>-linux-amd64/.
#
# On a machine with internet, kube-api-test downloads them itself and this script is not
# needed. Without internet (our CI), this script builds them from Go modules, once:
# the Go module proxy is reachable even where the binary download sites are not.
# Later runs find the binaries and return at once.
#
# Usage: scripts/build-kube-binaries.sh            (build if missing)
#        KUBE_VERSION=1.34.4 scripts/build-kube-binaries.sh
set -euo pipefail

KUBE_VERSION="${KUBE_VERSION:-1.34.4}"
ETCD_VERSION="${ETCD_VERSION:-3.6.16}"
TARGET_DIR="${KUBEAPITEST_DIR:-$HOME/.kubeapitest}/k8s/${KUBE_VERSION}-linux-amd64"
WORK_DIR="${KUBE_BUILD_DIR:-$HOME/.cache/atlas-operator/kube-build}"

log() { printf '[build-kube-binaries] %s\n' "$*" >&2; }

if [[ -x "$TARGET_DIR/kube-apiserver" && -x "$TARGET_DIR/etcd" && -x "$TARGET_DIR/kubectl" ]]; then
  log "binaries present in $TARGET_DIR"
  exit 0
fi

command -v go >/dev/null || { log "Go is required to build the Kubernetes test binaries"; exit 1; }
export GOFLAGS="-mod=mod -buildvcs=false"
export CGO_ENABLED=0
mkdir -p "$TARGET_DIR" "$WORK_DIR"
start=$(date +%s)

# Writes go.mod for a wrapper module that builds one binary out of k8s.io/kubernetes.
# k8s.io/kubernetes requires its staging modules at v0.0.0 and replaces them with local paths;
# outside its own tree we replace each with the published module of the matching version.
kubernetes_wrapper_mod() {
  local dir="$1" name="$2"
  local staging="v0.${KUBE_VERSION#1.}"
  (cd "$dir" && printf 'module atlasoperator.local/%s\n\ngo 1.24\n' "$name" > go.mod \
    && go mod download -json "k8s.io/kubernetes@v${KUBE_VERSION}" > kubernetes.json)
  local gomod
  gomod=$(sed -n 's/.*"GoMod": "\(.*\)".*/\1/p' "$dir/kubernetes.json")
  {
    printf 'require k8s.io/kubernetes v%s\n\n' "$KUBE_VERSION"
    grep -oE '^\s*k8s\.io/[a-z0-9-]+ => \./staging/src/k8s\.io/[a-z0-9-]+' "$gomod" \
      | awk -v v="$staging" '{print "replace " $1 " => " $1 " " v}'
  } >> "$dir/go.mod"
}

build_kube_apiserver() {
  local dir="$WORK_DIR/kube-apiserver"
  mkdir -p "$dir"
  cat > "$dir/main.go" <<'GO'
package main

import (
	"os"

	"k8s.io/component-base/cli"
	_ "k8s.io/component-base/logs/json/register"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
)

func main() {
	os.Exit(cli.Run(app.NewAPIServerCommand()))
}
GO
  kubernetes_wrapper_mod "$dir" kube-apiserver
  (cd "$dir" && go mod tidy && go build -trimpath \
    -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=v${KUBE_VERSION} -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=${KUBE_VERSION#1.}" \
    -o "$TARGET_DIR/kube-apiserver" .)
}

build_kubectl() {
  local dir="$WORK_DIR/kubectl"
  mkdir -p "$dir"
  cat > "$dir/main.go" <<'GO'
package main

import (
	"k8s.io/component-base/cli"
	"k8s.io/kubectl/pkg/cmd"
	"k8s.io/kubectl/pkg/cmd/util"
)

func main() {
	if err := cli.RunNoErrOutput(cmd.NewDefaultKubectlCommand()); err != nil {
		util.CheckErr(err)
	}
}
GO
  local staging="v0.${KUBE_VERSION#1.}"
  (cd "$dir" && printf 'module atlasoperator.local/kubectl\n\ngo 1.24\n\nrequire (\n\tk8s.io/kubectl %s\n\tk8s.io/component-base %s\n)\n' "$staging" "$staging" > go.mod \
    && go mod tidy && go build -trimpath \
    -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=v${KUBE_VERSION} -X k8s.io/client-go/pkg/version.gitVersion=v${KUBE_VERSION}" \
    -o "$TARGET_DIR/kubectl" .)
}

build_etcd() {
  local dir="$WORK_DIR/etcd"
  mkdir -p "$dir"
  cat > "$dir/main.go" <<'GO'
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
GO
  (cd "$dir" && printf 'module atlasoperator.local/etcd\n\ngo 1.24\n\nrequire go.etcd.io/etcd/server/v3 v%s\n' "$ETCD_VERSION" > go.mod \
    && go mod tidy && go build -trimpath -ldflags "-s -w" -o "$TARGET_DIR/etcd" .)
}

[[ -x "$TARGET_DIR/etcd" ]] || { log "building etcd v$ETCD_VERSION"; build_etcd; }
[[ -x "$TARGET_DIR/kubectl" ]] || { log "building kubectl v$KUBE_VERSION"; build_kubectl; }
[[ -x "$TARGET_DIR/kube-apiserver" ]] || { log "building kube-apiserver v$KUBE_VERSION"; build_kube_apiserver; }
log "done in $(( $(date +%s) - start ))s: $(ls "$TARGET_DIR" | tr '\n' ' ')"
