namespace EiRnn.Interop.Pickle;

/// <summary>
/// The inert structure a pickle describes, as <see cref="PickleScanner"/> rebuilds it from the opcodes: calls
/// (REDUCE, NEWOBJ, BUILD) are recorded as data, never performed, and globals are just module + name.
/// </summary>
public abstract record PickleValue;

public sealed record PickleNone : PickleValue { public static readonly PickleNone Value = new(); }
public sealed record PickleBool(bool Value) : PickleValue;
public sealed record PickleInt(System.Numerics.BigInteger Value) : PickleValue;
public sealed record PickleFloat(double Value) : PickleValue;
public sealed record PickleString(string Value) : PickleValue;
public sealed record PickleBytes(byte[] Value) : PickleValue;
public sealed record PickleTuple(IReadOnlyList<PickleValue> Items) : PickleValue;

/// <summary>A list (mutable while scanning: APPEND/APPENDS add to the list that was pushed).</summary>
public sealed record PickleList(List<PickleValue> Items) : PickleValue;

public sealed record PickleDict(List<KeyValuePair<PickleValue, PickleValue>> Items) : PickleValue;

/// <summary>A reference to a module attribute (GLOBAL, STACK_GLOBAL): a class or function, not resolved.</summary>
public sealed record PickleGlobal(string Module, string Name) : PickleValue
{
    public override string ToString() => $"{Module}.{Name}";
}

/// <summary>callable(*args) as the unpickler would call it (REDUCE, NEWOBJ, NEWOBJ_EX, INST, OBJ).</summary>
public sealed record PickleCall(PickleValue Callable, PickleValue Args) : PickleValue;

/// <summary>obj.__setstate__(state) as the unpickler would do it (BUILD).</summary>
public sealed record PickleBuild(PickleValue Target, PickleValue State) : PickleValue;

/// <summary>Something this scanner keeps opaque (sets, extension codes, out-of-band buffers).</summary>
public sealed record PickleOpaque(string What) : PickleValue;

/// <summary>The MARK opcode's stack marker (only while scanning).</summary>
internal sealed record PickleMark : PickleValue { public static readonly PickleMark Value = new(); }
