using EiRnn.Core.Errors;

namespace EiRnn.Interop;

/// <summary>
/// Collects the problems of a weights file or spec, one line each naming the array (and index) or key, so that a
/// user sees all of them at once; <see cref="ThrowIfAny"/> raises them as one <see cref="ModelFileException"/>.
/// </summary>
internal sealed class WeightsProblems(string source)
{
    private const int MaxLines = 20;
    private readonly List<string> _lines = [];

    public string Source => source;
    public bool Any => _lines.Count > 0;
    public IReadOnlyList<string> Lines => _lines;

    public void Add(string line) => _lines.Add(line);

    public void ThrowIfAny()
    {
        if (_lines.Count == 0) return;
        var shown = _lines.Take(MaxLines).Select(l => $"{source}: {l}").ToList();
        if (_lines.Count > MaxLines) shown.Add($"{source}: ... and {_lines.Count - MaxLines} more problems");
        throw new ModelFileException(string.Join(Environment.NewLine, shown));
    }
}
