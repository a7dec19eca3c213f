# SPDX-License-Identifier: MIT
# e2e: capinit in real containers with podman (tests/e2e/run.sh): the two
# images of packaging/docker/ built and run under --privileged and
# --cap-add=ALL, podman stop, reaping, podman exec + --show, the Pod under
# podman kube play; and the
# Kubernetes manifest checked against --emit=kubernetes (tests/e2e/kube.sh,
# no podman needed: make e2e-kube). Takes about 3 to 6 minutes, most of it
# podman build fetching Debian packages; the debootstrap of the base image is
# cached in $(O)/e2e, and podman's layer cache keeps the builder stage.
.PHONY: e2e e2e-kube

E2E_ARCH := $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
E2E_DEB = $(O)/pkg/capinit_$(VERSION)-1_$(E2E_ARCH).deb

# The .deb of Dockerfile.debian: make deb (mk/packages.mk), again only when
# the sources changed since the last one (make check has just built it).
$(E2E_DEB): $(LIB_SRCS) shim/main.c $(wildcard shim/*.h) Makefile $(wildcard packaging/debian/*)
	$(MAKE) deb

e2e-kube: capinit
	CAPINIT_BIN=$(BIN) tests/e2e/kube.sh

e2e: e2e-kube
	tests/deps.sh e2e
	$(MAKE) $(E2E_DEB)
	O=$(O) VERSION=$(VERSION) DEB=$(E2E_DEB) CAPINIT_BIN=$(BIN) tests/e2e/run.sh
