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

unsigned checked_chips(unsigned width, unsigned height) {
  if (width < 1 || height < 1 || width > isa::kMaxBoardWidth || height > isa::kMaxBoardHeight)
    throw std::invalid_argument("board " + std::to_string(width) + "x" + std::to_string(height) +
                                " is not allowed: at most " + std::to_string(isa::kMaxBoardWidth) +
                                "x" + std::to_string(isa::kMaxBoardHeight) + " chips");
  return width * height;
}
}  // namespace

std::string ChipLinkPlace::name() const {
  const bool horizontal = direction == hw::Router::kEast || direction == hw::Router::kWest;
  return "chip " + std::to_string(from_chip) + " -> chip " + std::to_string(to_chip) + " (" +
         hw::Router::port_name(direction) + ", " + (horizontal ? "row " : "column ") +
         std::to_string(lane) + ")";
}

ChipTop::ChipTop(sc_core::sc_module_name name, unsigned mesh_width, unsigned mesh_height,
                 sc_core::sc_time clock_period, const isa::Microarchitecture& micro,
                 unsigned board_width, unsigned board_height, const isa::ChipLinks& chip_links)
    : sc_core::sc_module(name),
      width_(mesh_width),
      height_(mesh_height),
      board_width_(board_width),
      board_height_(board_height),
      scheduler_("scheduler", clock_period),
      controller_("control", scheduler_, mesh_width, mesh_height, micro, board_width,
                  board_height),
      interconnect_("interconnect", checked_cores(mesh_width, mesh_height),
                    checked_chips(board_width, board_height)) {
  const unsigned per_chip = cores_per_chip(), n = num_cores();
  // One chip keeps its historical names (core_007); a board prefixes the chip.
  auto unit_name = [&](const char* stem, unsigned id) {
    if (num_chips() == 1) return indexed(stem, id);
    return indexed("chip", id / per_chip) + "_" + indexed(stem, id % per_chip);
  };
  for (unsigned id = 0; id < n; ++id)
    cores_.push_back(std::make_unique<hw::NeuronCore>(unit_name("core", id).c_str(), scheduler_,
                                                      id % per_chip, per_chip, micro,
                                                      id / per_chip, num_chips()));
  const unsigned columns = width_ * board_width_, rows = height_ * board_height_;
  auto board_x = [&](unsigned id) { return id / per_chip % board_width_ * width_ + id % per_chip % width_; };
  auto board_y = [&](unsigned id) { return id / per_chip / board_width_ * height_ + id % per_chip / width_; };
  auto id_at = [&](unsigned x, unsigned y) {
    return (y / height_ * board_width_ + x / width_) * per_chip + y % height_ * width_ + x % width_;
  };
  for (unsigned id = 0; id < n; ++id)
    routers_.push_back(std::make_unique<hw::Router>(unit_name("router", id).c_str(), scheduler_,
                                                    board_x(id), board_y(id), width_, height_,
                                                    micro, board_width_, board_height_));

  using hw::Router;
  for (unsigned id = 0; id < n; ++id) {
    const unsigned x = board_x(id), y = board_y(id);
    Router& r = *routers_[id];
    hw::connect(cores_[id]->to_router, r.input(Router::kLocal));
    hw::connect(r.output(Router::kLocal), cores_[id]->from_router);
    if (x + 1 < columns) {
      const unsigned east = id_at(x + 1, y);
      wire(id, Router::kEast, east, Router::kWest, chip_links);
      wire(east, Router::kWest, id, Router::kEast, chip_links);
    }
    if (y + 1 < rows) {
      const unsigned south = id_at(x, y + 1);
      wire(id, Router::kSouth, south, Router::kNorth, chip_links);
      wire(south, Router::kNorth, id, Router::kSouth, chip_links);
    }
  }

  std::vector<hw::NeuronCore*> cores;
  std::vector<hw::Router*> routers;
  for (auto& c : cores_) cores.push_back(c.get());
  for (auto& r : routers_) routers.push_back(r.get());
  controller_.attach(cores, routers);
  std::vector<hw::ChipLink*> links;
  std::vector<std::string> names;
  for (size_t i = 0; i < links_.size(); ++i) {
    links.push_back(links_[i].get());
    names.push_back(link_places_[i].name());
  }
  controller_.attach_links(links, names);

  interconnect_.targets.bind(controller_.mmio);
  for (auto& c : cores_) interconnect_.targets.bind(c->mmio);
}

void ChipTop::wire(unsigned a, unsigned out, unsigned b, unsigned in,
                   const isa::ChipLinks& description) {
  const unsigned per_chip = cores_per_chip();
  if (a / per_chip == b / per_chip) {
    hw::connect(routers_[a]->output(out), routers_[b]->input(in));
    return;
  }
  ChipLinkPlace place;
  place.from_chip = a / per_chip;
  place.to_chip = b / per_chip;
  place.direction = out;
  const bool horizontal = out == hw::Router::kEast || out == hw::Router::kWest;
  place.lane = horizontal ? a % per_chip / width_ : a % per_chip % width_;
  const std::string name = "link_" + std::to_string(place.from_chip) + "_" +
                           std::to_string(place.to_chip) + "_" + std::to_string(place.lane);
  links_.push_back(std::make_unique<hw::ChipLink>(name.c_str(), scheduler_, description));
  link_places_.push_back(place);
  hw::connect(routers_[a]->output(out), links_.back()->in);
  hw::connect(links_.back()->out, routers_[b]->input(in));
}

}  // namespace spikecore::platform
