// Readable text form of the IR, printed by --print-after (one section per
// part of the module that exists at that point of the pipeline).
#pragma once

#include <string>

#include "compiler/ir.h"

namespace spikecore::compiler {

std::string print_graph(const Module& module);    // the dataflow graph (functions)
// Sections of the mapping: groups and tiling (lower), placement, routes.
enum MappingSection : unsigned { kMapLowering = 1, kMapPlacement = 2, kMapRoutes = 4, kMapAll = 7 };
std::string print_mapping(const Module& module, unsigned sections = kMapAll);
// Everything a pass has produced so far; `pass` selects what is worth showing
// (e.g. the assembly after codegen, the image summary after assemble).
std::string print_module(const Module& module, const std::string& pass);

}  // namespace spikecore::compiler
