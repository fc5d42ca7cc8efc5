/**
 * Why some registry entries are not twice differentiable in the runtime, shared by the entries
 * that state it (`RegistryEntry.twiceDifferentiable`). Each reason names what TensorFlow.js
 * lacks and what a critic under a gradient penalty can use instead.
 */
export const secondOrder = {
  maxPooling:
    "max pooling's backward pass (MaxPoolGrad) has no gradient in TensorFlow.js; a critic under a gradient penalty can use avgpool or a strided conv2d",
  maximum:
    "the gradient of a maximum selects with an Equal mask, which has no gradient in TensorFlow.js; a critic under a gradient penalty can use mean or global_avgpool",
  depthwise:
    "the depthwise convolution's backward pass (DepthwiseConv2dNativeBackpropInput) has no gradient in TensorFlow.js; a critic under a gradient penalty can use conv2d (with groups=)",
  upsample:
    "bilinear upsampling's backward pass (ResizeBilinearGrad) has no correct gradient in TensorFlow.js, so upsample is refused in either mode; a critic under a gradient penalty can use conv2d_transpose",
  recurrent:
    "the recurrent cell's gates use TensorFlow.js's own sigmoid and tanh, whose second derivatives are wrong (tfjs#3252); a critic under a gradient penalty can use conv1d or multihead_attention over the sequence",
  rbm: "its Gibbs step samples binary units and uses TensorFlow.js's own sigmoid, whose second derivative is wrong (tfjs#3252); a critic under a gradient penalty can use dense layers",
  metric: "a metric compares predictions with argmax and equality, which have no gradient",
} as const;
