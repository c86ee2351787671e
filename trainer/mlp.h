// A trained multilayer perceptron in plain C++ types: what spikecore-train
// produces, exports as TorchScript, and what tests compare against.
//
// Input contract (shared with the compiler and the simulator's reference):
// float32 [N, 1, 28, 28] holding pixel_byte / 255, no other normalisation;
// output [N, 10] class scores; the predicted class is the argmax.
#pragma once

#include <string>
#include <vector>

namespace spikecore::trainer {

constexpr int kImageSide = 28;
constexpr int kInputs = kImageSide * kImageSide;
constexpr int kClasses = 10;

// One fully connected layer in PyTorch's layout (y = W x + b).
struct DenseLayer {
  std::string name;           // "fc1", "fc2", ...: the layer name the compiler reports
  int inputs = 0, outputs = 0;
  std::vector<float> weight;  // outputs x inputs, row-major
  std::vector<float> bias;    // outputs
  // Hidden layers trained with --levels: the activation is clamp(z, 0, ceiling)
  // (the QCFS ceiling lambda); 0: a plain ReLU.
  float ceiling = 0;
};

// Layers in order; ReLU (or the clamp above) after every layer but the last.
struct Mlp {
  std::vector<DenseLayer> layers;
};

}  // namespace spikecore::trainer
