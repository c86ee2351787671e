#include "platform/chip_top.h"

#include <cstdio>
#include <stdexcept>
#include <string>

#include "isa/isa.h"

namespace spikecore::platform {

namespace {
std::string indexed(const char* stem, unsigned i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s_%03u", stem, i);
  return buf;
}

unsigned checked_cores(unsigned width, unsigned height) {
  if (width < 1 || height < 1 || width * height > isa::kMaxCores)
    throw std::invalid_argument("mesh " + std::to_string(width) + "x" + std::to_string(height) +
                                " is not allowed: need 1.." + std::to_string(isa::kMaxCores) +
                                " cores (core ids are 8 bits)");
  return width * height;
}
}  // namespace

ChipTop::ChipTop(sc_core::sc_module_name name, unsigned mesh_width, unsigned mesh_height,
                 sc_core::sc_time clock_period, const isa::Microarchitecture& micro)
    : sc_core::sc_module(name),
      width_(mesh_width),
      height_(mesh_height),
      scheduler_("scheduler", clock_period),
      controller_("control", scheduler_, mesh_width, mesh_height, micro),
      interconnect_("interconnect", checked_cores(mesh_width, mesh_height)) {
  const unsigned n = num_cores();
  for (unsigned id = 0; id < n; ++id)
    cores_.push_back(
        std::make_unique<hw::NeuronCore>(indexed("core", id).c_str(), scheduler_, id, n, micro));
  for (unsigned id = 0; id < n; ++id)
    routers_.push_back(std::make_unique<hw::Router>(indexed("router", id).c_str(), scheduler_,
                                                    id % width_, id / width_, width_, height_,
                                                    micro));

  using hw::Router;
  for (unsigned id = 0; id < n; ++id) {
    const unsigned x = id % width_, y = id / width_;
    Router& r = *routers_[id];
    hw::connect(cores_[id]->to_router, r.input(Router::kLocal));
    hw::connect(r.output(Router::kLocal), cores_[id]->from_router);
    if (x + 1 < width_) {
      Router& east = *routers_[id + 1];
      hw::connect(r.output(Router::kEast), east.input(Router::kWest));
      hw::connect(east.output(Router::kWest), r.input(Router::kEast));
    }
    if (y + 1 < height_) {
      Router& south = *routers_[id + width_];
      hw::connect(r.output(Router::kSouth), south.input(Router::kNorth));
      hw::connect(south.output(Router::kNorth), r.input(Router::kSouth));
    }
  }

  std::vector<hw::NeuronCore*> cores;
  std::vector<hw::Router*> routers;
  for (auto& c : cores_) cores.push_back(c.get());
  for (auto& r : routers_) routers.push_back(r.get());
  controller_.attach(cores, routers);

  interconnect_.targets.bind(controller_.mmio);
  for (auto& c : cores_) interconnect_.targets.bind(c->mmio);
}

}  // namespace spikecore::platform
