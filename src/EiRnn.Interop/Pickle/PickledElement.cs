using System.Buffers.Binary;

namespace EiRnn.Interop.Pickle;

/// <summary>What the single element of a pickled 0-d object array is, as far as an importer needs to know.</summary>
public abstract record PickledElement
{
    public sealed record None : PickledElement;
    public sealed record Number(double Value) : PickledElement;
    /// <summary>A module-level function or class (e.g. tensorflow.python.ops.gen_nn_ops.relu).</summary>
    public sealed record Function(string Module, string Name) : PickledElement;
    public sealed record Other(string What) : PickledElement;

    /// <summary>
    /// The element of a pickled 0-d object ndarray. NumPy pickles it as _reconstruct(ndarray, (0,), b'b') followed by
    /// a BUILD whose state is (version, shape, dtype, is_fortran, [elements]); the dtype inside that state has
    /// None entries of its own, so the element is taken from the last item of the outermost BUILD's state, not
    /// from the first None or GLOBAL in the stream. A pickle that is not such an array is described as Other.
    /// </summary>
    public static PickledElement OfObjectArray(PickleValue root)
    {
        if (root is not PickleBuild { Target: PickleCall { Callable: PickleGlobal g }, State: PickleTuple state }
            || g.Name != "_reconstruct" || !IsNumpyMultiarray(g.Module) || state.Items.Count < 5)
            return new Other($"a pickled {Describe(root)}, not a NumPy object array");
        if (state.Items[^1] is not PickleList { Items: var items })
            return new Other("a NumPy array whose data is not a list of objects");
        if (items.Count != 1) return new Other($"an object array of {items.Count} elements, not one");
        return Of(items[0]);
    }

    /// <summary>One pickled value: None, a Python or NumPy number, a global reference, or something else.</summary>
    public static PickledElement Of(PickleValue v) => v switch
    {
        PickleNone => new None(),
        PickleFloat f => new Number(f.Value),
        PickleInt i => new Number((double)i.Value),
        PickleBool b => new Number(b.Value ? 1 : 0),
        PickleGlobal g => new Function(g.Module, g.Name),
        PickleCall { Callable: PickleGlobal { Name: "scalar" } s, Args: PickleTuple { Items: [var dtype, PickleBytes raw] } }
            when IsNumpyMultiarray(s.Module) && NumpyScalar(dtype, raw.Value) is double x => new Number(x),
        _ => new Other($"a pickled {Describe(v)}"),
    };

    private static bool IsNumpyMultiarray(string module) => module is "numpy.core.multiarray" or "numpy._core.multiarray";

    /// <summary>numpy.core.multiarray.scalar(dtype('f8' or 'f4'), raw bytes): a NumPy float scalar.</summary>
    private static double? NumpyScalar(PickleValue dtype, byte[] raw)
    {
        var call = dtype is PickleBuild b ? b.Target : dtype;
        if (call is not PickleCall { Callable: PickleGlobal { Module: "numpy", Name: "dtype" }, Args: PickleTuple { Items: [PickleString code, ..] } })
            return null;
        bool bigEndian = dtype is PickleBuild { State: PickleTuple { Items: [_, PickleString { Value: ">" }, ..] } };
        return (code.Value, raw.Length) switch
        {
            ("f8", 8) => bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(raw) : BinaryPrimitives.ReadDoubleLittleEndian(raw),
            ("f4", 4) => bigEndian ? BinaryPrimitives.ReadSingleBigEndian(raw) : BinaryPrimitives.ReadSingleLittleEndian(raw),
            _ => null,
        };
    }

    private static string Describe(PickleValue v) => v switch
    {
        PickleCall { Callable: PickleGlobal g } => $"call of {g}",
        PickleBuild { Target: var t } => Describe(t),
        PickleGlobal g => g.ToString(),
        _ => v.GetType().Name.Replace("Pickle", "").ToLowerInvariant(),
    };
}
