# SPDX-License-Identifier: MIT
# Source tarball and distribution packages, and check-packages, which builds
# the .deb and the RPM from a copy of the tracked files and inspects them.
#
#   make dist   $(O)/pkg/capinit-VERSION.tar.gz: the files git tracks (with
#               their contents in the working tree)
#   make deb    $(O)/pkg/capinit_VERSION-1_ARCH.deb (dpkg-buildpackage -b)
#   make rpm    $(O)/rpm/RPMS/ARCH/capinit-VERSION-1.ARCH.rpm (rpmbuild -bb)
.PHONY: dist deb rpm check-packages packages-deps

PKG_DIR   = $(O)/pkg
PKG_TREE  = $(PKG_DIR)/capinit-$(VERSION)
DIST_TAR  = $(PKG_DIR)/capinit-$(VERSION).tar.gz
RPM_TOP   = $(abspath $(O))/rpm

# The package builds run make again from their own copy, with the
# distribution's flags: nothing from this make's command line or environment
# (O=, BIN=, CC=, CFLAGS=, SANITIZE= ...) may leak into them.
PKG_ENV = env -i PATH="$$PATH" HOME="$$HOME" LC_ALL=C.UTF-8 CI="$${CI-}"

packages-deps:
	tests/deps.sh packages

# Reproducible: sorted names, owner root, mtime of the last commit, gzip -n.
dist:
	@git rev-parse --is-inside-work-tree >/dev/null || \
		{ echo "dist: needs a git checkout (it packs the files git tracks)" >&2; exit 1; }
	mkdir -p $(PKG_DIR)
	git ls-files -z | tar --null --no-recursion --ignore-failed-read -T - \
		--sort=name --owner=0 --group=0 --numeric-owner \
		--mtime=@$$(git log -1 --format=%ct) \
		--transform='s,^,capinit-$(VERSION)/,SH' -cf - | gzip -n >$(DIST_TAR).tmp
	mv $(DIST_TAR).tmp $(DIST_TAR)

# dpkg-buildpackage wants debian/ at the top of the source tree; the tree
# keeps it under packaging/. The build log goes to $(PKG_DIR)/deb.log.
deb: packages-deps dist
	rm -rf $(PKG_TREE) $(PKG_DIR)/capinit*_$(VERSION)-*
	tar -xzf $(DIST_TAR) -C $(PKG_DIR)
	cp -R packaging/debian $(PKG_TREE)/debian
	cd $(PKG_TREE) && $(PKG_ENV) DEB_BUILD_OPTIONS="parallel=2 noddebs" \
		dpkg-buildpackage -us -uc -b >../deb.log 2>&1 || \
		{ tail -40 ../deb.log >&2; echo "deb: failed, log: $(PKG_DIR)/deb.log" >&2; exit 1; }
	@ls $(PKG_DIR)/capinit_$(VERSION)-1_*.deb

# rpmbuild here is Debian's rpm: it cannot see Debian's packages, hence --nodeps.
rpm: packages-deps dist
	rm -rf $(RPM_TOP)
	mkdir -p $(RPM_TOP)/SOURCES
	cp $(DIST_TAR) $(RPM_TOP)/SOURCES/
	$(PKG_ENV) rpmbuild -bb --nodeps --define '_topdir $(RPM_TOP)' \
		packaging/rpm/capinit.spec >$(PKG_DIR)/rpm.log 2>&1 || \
		{ tail -40 $(PKG_DIR)/rpm.log >&2; echo "rpm: failed, log: $(PKG_DIR)/rpm.log" >&2; exit 1; }
	@ls $(RPM_TOP)/RPMS/*/capinit-$(VERSION)-1*.rpm

check-packages: deb rpm
	MAKE="$(MAKE)" packaging/tests/install.sh
	packaging/tests/packages.sh $(O)
	packaging/tests/apkbuild.sh
