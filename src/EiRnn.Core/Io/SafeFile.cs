using EiRnn.Core.Errors;

namespace EiRnn.Core.Io;

/// <summary>
/// The IO boundary (docs/errors.md#the-io-boundary): every file the program reads or writes goes through these
/// helpers, which turn the operating system's IO failures (missing file, a folder where a file is expected, no
/// permission, disk full) into one <see cref="FileAccessException"/> naming the operation and the path. Only IO
/// exception types are translated; anything else is a bug and stays one.
/// </summary>
public static class SafeFile
{
    public static string ReadAllText(string path) => Guard("read", path, () => File.ReadAllText(path));

    public static byte[] ReadAllBytes(string path) => Guard("read", path, () => File.ReadAllBytes(path));

    public static string[] ReadAllLines(string path) => Guard("read", path, () => File.ReadAllLines(path));

    public static void WriteAllText(string path, string text) => Guard("write", path, () => File.WriteAllText(path, text));

    public static void WriteAllLines(string path, IEnumerable<string> lines) => Guard("write", path, () => File.WriteAllLines(path, lines));

    /// <summary>Writes <paramref name="text"/> under a temporary name and renames it into place, so a reader
    /// sees the old file or the new one, never a half-written one.</summary>
    public static void WriteAllTextAtomically(string path, string text)
    {
        // Hidden, so that a reader listing the folder (_SUCCESS.*) never sees it.
        string full = Path.GetFullPath(path);
        string tmp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.tmp-{Environment.ProcessId}");
        try
        {
            Guard("write", path, () =>
            {
                using var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write);
                using (var writer = new StreamWriter(stream, leaveOpen: true)) writer.Write(text);
                stream.Flush(flushToDisk: true);
            });
            Move(tmp, path);
        }
        finally { TryDelete(tmp); }
    }

    public static DirectoryInfo CreateDirectory(string path) => Guard("create", path, () => Directory.CreateDirectory(path));

    /// <summary>Renames a file, replacing <paramref name="to"/>.</summary>
    public static void Move(string from, string to) => Guard("rename", to, () => File.Move(from, to, overwrite: true));

    public static void MoveDirectory(string from, string to) => Guard("rename", to, () => Directory.Move(from, to));

    public static void DeleteDirectory(string path)
    {
        if (Directory.Exists(path)) Guard("delete", path, () => Directory.Delete(path, recursive: true));
    }

    /// <summary>Removes a leftover temporary file; failing to is not worth stopping for.</summary>
    public static void TryDelete(string path)
    {
        try { if (File.Exists(path)) File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public static void Guard(string operation, string path, Action action) =>
        Guard(operation, path, () => { action(); return 0; });

    /// <summary>Runs <paramref name="action"/>; an IO failure becomes a <see cref="FileAccessException"/> naming
    /// <paramref name="operation"/> and <paramref name="path"/>.</summary>
    public static T Guard<T>(string operation, string path, Func<T> action)
    {
        try { return action(); }
        catch (Exception e) when (IsIoFailure(e)) { throw Describe(operation, path, e); }
    }

    /// <summary>As <see cref="Guard{T}(string, string, Func{T})"/> for asynchronous writes (Parquet row groups).</summary>
    public static async Task GuardAsync(string operation, string path, Func<Task> action)
    {
        try { await action().ConfigureAwait(false); }
        catch (Exception e) when (IsIoFailure(e)) { throw Describe(operation, path, e); }
    }

    public static void AppendAllLines(string path, IEnumerable<string> lines) => Guard("write", path, () => File.AppendAllLines(path, lines));

    /// <summary>The exception types that mean "the file system said no", as opposed to a bug.</summary>
    public static bool IsIoFailure(Exception e) => e is IOException or UnauthorizedAccessException;

    public static FileAccessException Describe(string operation, string path, Exception e)
    {
        string reason = e switch
        {
            FileNotFoundException => "it does not exist",
            DirectoryNotFoundException => "a folder on the path does not exist",
            UnauthorizedAccessException when Directory.Exists(path) && operation == "read" => "it is a folder, not a file",
            UnauthorizedAccessException => "permission denied",
            _ => Reason(e.Message, path),
        };
        return new FileAccessException(operation, path, reason, e);
    }

    /// <summary>The operating system's reason without the path it repeats (".NET: 'No space left on device : '/x''").</summary>
    internal static string Reason(string message, string path)
    {
        string full = Path.GetFullPath(path);
        foreach (string p in new[] { full, path })
        {
            message = message.Replace($" : '{p}'", "", StringComparison.Ordinal).Replace($"'{p}'", "it", StringComparison.Ordinal);
        }
        // .NET appends the path it was working on ("No space left on device : '/x/.part.tmp'"), which may be
        // a temporary name; the message already names the file the user knows.
        message = System.Text.RegularExpressions.Regex.Replace(message, @"\s*:\s*'[^']*'\s*$", "");
        return message.ReplaceLineEndings(" ").Trim().TrimEnd('.');
    }
}
