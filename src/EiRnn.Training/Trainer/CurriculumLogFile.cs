using System.Globalization;
using EiRnn.Core.Checkpoints;
using EiRnn.Core.Io;

namespace EiRnn.Training;

/// <summary>DIR/curriculum.csv: every curriculum metric evaluation (docs/training.md#curriculum-learning: the (value, stage) record),
/// appended as training goes; a resumed run rewrites the history it carries.</summary>
public sealed class CurriculumLogFile
{
    public const string Header = "trials,updates,stage,value,passed";
    private readonly string _path;

    public CurriculumLogFile(string path, IEnumerable<CurriculumEvaluation> history)
    {
        _path = path;
        SafeFile.WriteAllLines(path, [Header, .. history.Select(Row)]);
    }

    public void Append(CurriculumEvaluation e) => SafeFile.AppendAllLines(_path, [Row(e)]);

    private static string Row(CurriculumEvaluation e) => string.Join(",",
        e.Trials.ToString(CultureInfo.InvariantCulture), e.Updates.ToString(CultureInfo.InvariantCulture),
        e.Stage.ToString(CultureInfo.InvariantCulture), e.Value.ToString("R", CultureInfo.InvariantCulture),
        e.Passed ? "true" : "false");
}
