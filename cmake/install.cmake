# cmake --install and the .deb (CPack): the users' tools in bin/, the float
# reference that spikecore-sim loads for --reference in lib/spikecore/, the
# gtkwave layouts, the docs, and the digits if scripts/setup.sh fetched them.
# Benchmark and doc-generating programs (build/libexec/) are not installed.
# Paths are what common/install_layout.h expects; tests/install checks them.
set(SPIKECORE_INSTALLED_TOOLS spikecore-as spikecore-dis spikecore-golden-run)
if(TARGET spikecore-sim)
  list(APPEND SPIKECORE_INSTALLED_TOOLS spikecore-sim spikecore-compile spikecore-eval spikecore-train
                                        spikecore-sweep)
endif()
install(TARGETS ${SPIKECORE_INSTALLED_TOOLS} RUNTIME DESTINATION bin COMPONENT tools)
foreach(plugin IN ITEMS spikecore_float_top1 spikecore_mpi)
  if(TARGET ${plugin})
    install(TARGETS ${plugin} LIBRARY DESTINATION lib/spikecore COMPONENT tools)
  endif()
endforeach()
install(FILES traces/mnist_mlp.gtkw traces/lenet.gtkw traces/mlp128_links.gtkw
        DESTINATION share/spikecore/gtkwave COMPONENT tools)
install(FILES README.md DESTINATION share/doc/spikecore COMPONENT tools)
install(DIRECTORY docs/ DESTINATION share/doc/spikecore/docs COMPONENT tools
        FILES_MATCHING PATTERN "*.md" PATTERN "*.png" PATTERN "*.json")
# The MNIST digits (data/mnist, 7.5 MB) when present: the installed tools then
# find them from any directory (dataset/catalog.cpp).
install(DIRECTORY data/mnist DESTINATION share/spikecore/data COMPONENT tools OPTIONAL)

set(CPACK_PACKAGE_NAME spikecore)
set(CPACK_PACKAGE_VENDOR "SpikeCore")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "PyTorch to a cycle-level SystemC model of a spiking neuromorphic chip")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "SpikeCore developers <spikecore@localhost>")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# The shared libraries the programs link (SystemC, Boost, LibTorch, ...) become
# the package's dependencies (dpkg-shlibdeps).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
include(CPack)
