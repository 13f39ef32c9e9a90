using EiRnn.Core.Io;

namespace EiRnn.Core.Checkpoints;

/// <summary>
/// The three folders of one checkpoint name and the renames between them (docs/checkpoints.md#crash-safety):
/// <c>last</c> (the current copy), <c>last.new</c> (the next copy, being written; complete once it holds
/// <see cref="Checkpoint.CompleteMarker"/>) and <c>last.old</c> (the previous copy, during the switch).
/// A switch is: <c>last</c> → <c>last.old</c>, <c>last.new</c> → <c>last</c>, delete <c>last.old</c>. Whatever
/// step a crash interrupts, one complete copy remains, and <see cref="Readable"/> finds the newest of them.
/// </summary>
internal sealed class CheckpointFolders
{
    public CheckpointFolders(string folder)
    {
        Current = Path.GetFullPath(folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        Parent = Path.GetDirectoryName(Current)!;
        New = Current + ".new";
        Old = Current + ".old";
    }

    public string Current { get; }
    public string Parent { get; }
    public string New { get; }
    public string Old { get; }

    /// <summary>The folder holding the newest complete copy, or null if there is none.</summary>
    public string? Readable()
    {
        // The current copy only ever appears by renaming a complete new one (or was written by an earlier build
        // in one piece), so it needs no marker; a new copy counts only once its marker is written.
        if (File.Exists(Path.Combine(Current, Checkpoint.HeaderFile))) return Current;
        if (IsComplete(New)) return New;       // crashed between the two renames: the new copy is newer
        if (File.Exists(Path.Combine(Old, Checkpoint.HeaderFile))) return Old;
        return null;
    }

    /// <summary>Completes a switch a crash interrupted, then removes what is left of it, so that exactly the
    /// current copy remains before the next one is written.</summary>
    public void FinishInterruptedSwitch()
    {
        if (!Directory.Exists(Current))
        {
            if (IsComplete(New)) SafeFile.MoveDirectory(New, Current);
            else if (File.Exists(Path.Combine(Old, Checkpoint.HeaderFile))) SafeFile.MoveDirectory(Old, Current);
        }
        if (Directory.Exists(Current)) SafeFile.DeleteDirectory(Old);
    }

    /// <summary>Replaces the current copy with the complete new one.</summary>
    public void SwitchToNew()
    {
        SafeFile.DeleteDirectory(Old);
        if (Directory.Exists(Current)) SafeFile.MoveDirectory(Current, Old);
        SafeFile.MoveDirectory(New, Current);
        SafeFile.DeleteDirectory(Old);
    }

    private static bool IsComplete(string folder) =>
        File.Exists(Path.Combine(folder, Checkpoint.CompleteMarker)) && File.Exists(Path.Combine(folder, Checkpoint.HeaderFile));
}
