using EiRnn.Core.Network;

namespace EiRnn.Interop.PsychRnn;

/// <summary>
/// PsychRNN pickles its transfer function as a reference to a module-level function (e.g.
/// tensorflow.python.ops.gen_nn_ops.relu, tf.nn.tanh); only the function's name decides the nonlinearity.
/// </summary>
public static class TransferFunctions
{
    public static HiddenNonlinearity? FromName(string name) => name.ToLowerInvariant() switch
    {
        "relu" => HiddenNonlinearity.Rectify,
        "tanh" => HiddenNonlinearity.Tanh,
        "sigmoid" => HiddenNonlinearity.Sigmoid,
        _ => null,
    };

    /// <summary>The --transfer words.</summary>
    public static HiddenNonlinearity Parse(string word) => FromName(word)
        ?? throw new Core.Errors.ConfigException("transfer", $"must be relu, tanh or sigmoid, got '{word}'");

    public static string Name(HiddenNonlinearity f) => f switch
    {
        HiddenNonlinearity.Rectify => "relu",
        HiddenNonlinearity.Tanh => "tanh",
        HiddenNonlinearity.Sigmoid => "sigmoid",
        _ => f.ToString().ToLowerInvariant(),
    };
}
