namespace EiRnn.Core.Network;

/// <summary>Which equations a network follows: the rate RNN of docs/model.md, or the LSTM baseline (docs/model.md#lstm-baseline).</summary>
public enum NetworkArch { EiRnn, Lstm }

public enum UnitType { Excitatory, Inhibitory }

/// <summary>Hidden nonlinearity f (docs/model.md#nonlinearities).</summary>
public enum HiddenNonlinearity { Rectify, Linear, RectifyPower, Sigmoid, Tanh, Rtanh }

/// <summary>Output nonlinearity g (docs/model.md#nonlinearities); sigmoid implies BCE loss, softmax categorical CE.</summary>
public enum OutputNonlinearity { Linear, Rectify, RectifyPower, Sigmoid, Softmax }

/// <summary>Named connectivity structures of docs/model.md#connectivity-structures (mask + balancing rule).</summary>
public enum ConnectivityStructure
{
    /// <summary>All E and I inputs allowed except self (Dale) or all but self (non-Dale).</summary>
    Dense,
    /// <summary>Fig 3C: two input-selective E pools, a non-selective pool, shared I.</summary>
    RdmStructured,
    /// <summary>Mante two areas (sensory, motor), N = 150.</summary>
    ManteAreas,
    /// <summary>Multisensory visual/auditory input groups, N = 150.</summary>
    MultisensoryGroups,
    /// <summary>Romo sparse network: p_exc = 0.1, p_inh = 0.5.</summary>
    RomoSparse,
}

/// <summary>Recipe families of docs/training.md#presets.</summary>
public enum Preset { Pycog, Psychrnn }
