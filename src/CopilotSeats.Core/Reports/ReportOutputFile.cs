using System.Text;

namespace CopilotSeats.Reports
{
    /// <summary>
    /// Writing the report file with Export-Csv's rules: an existing file is overwritten, unless -NoClobber; a
    /// read-only file only with -Force (which clears the attribute for the write and sets it again after); a
    /// write that fails part way leaves no half-written page. Failures are terminating CopilotExceptions with the
    /// path as target. Paths here are file-system paths (the cmdlet resolves PowerShell paths first).
    /// </summary>
    public static class ReportOutputFile
    {
        public const string InvalidPathId = "CopilotSeats.InvalidPath";
        public const string FileExistsId = "CopilotSeats.FileExists";
        public const string FileReadOnlyId = "CopilotSeats.FileReadOnly";
        public const string WriteFailedId = "CopilotSeats.ReportWriteFailed";

        /// <summary>UTF-8 without a byte order mark (the page is ASCII anyway), LF line ends.</summary>
        public static readonly Encoding Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        /// <summary>Whether the file can be written as asked; checked before any work and again when writing.</summary>
        public static void Check(string path, bool noClobber, bool force)
        {
            if (string.IsNullOrEmpty(path)) throw new ArgumentException("A path is required.", nameof(path));
            if (Directory.Exists(path))
                throw Fail(InvalidPathId, CopilotErrorCategory.InvalidArgument, path, $"'{path}' is a folder, not a file.", "Pass a file name, such as seats.html.");
            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
                throw Fail(InvalidPathId, CopilotErrorCategory.ObjectNotFound, path, $"The folder of '{path}' does not exist.", "Create the folder first, or pass a path in an existing folder.");
            if (!File.Exists(path)) return;
            if (noClobber)
                throw Fail(FileExistsId, CopilotErrorCategory.ResourceExists, path, $"'{path}' already exists, and -NoClobber keeps it.", "Pass another -Path, or leave out -NoClobber to overwrite the file.");
            if (!force && IsReadOnly(path))
                throw Fail(FileReadOnlyId, CopilotErrorCategory.PermissionDenied, path, $"'{path}' is read-only.", "Pass -Force to overwrite a read-only file.");
        }

        /// <summary>Creates (or overwrites) the file and lets <paramref name="write"/> fill it.</summary>
        public static void Write(string path, bool noClobber, bool force, Action<TextWriter> write)
        {
            if (write is null) throw new ArgumentNullException(nameof(write));
            Check(path, noClobber, force);
            bool restoreReadOnly = false;
            bool opened = false;
            try
            {
                if (force && File.Exists(path) && IsReadOnly(path))
                {
                    File.SetAttributes(path, File.GetAttributes(path) & ~FileAttributes.ReadOnly);
                    restoreReadOnly = true;
                }
                using (var stream = new FileStream(path, noClobber ? FileMode.CreateNew : FileMode.Create, FileAccess.Write, FileShare.Read))
                {
                    opened = true;
                    using (var writer = new StreamWriter(stream, Encoding) { NewLine = "\n" })
                    {
                        write(writer);
                    }
                }
            }
            catch (Exception ex)
            {
                if (opened) TryDelete(path);
                if (ex is IOException && noClobber && !opened && File.Exists(path))
                    throw Fail(FileExistsId, CopilotErrorCategory.ResourceExists, path, $"'{path}' already exists, and -NoClobber keeps it.", "Pass another -Path, or leave out -NoClobber to overwrite the file.");
                if (ex is UnauthorizedAccessException)
                    throw Fail(WriteFailedId, CopilotErrorCategory.PermissionDenied, path, $"Could not write '{path}': access is denied.", "Pass a path you may write to.", ex);
                if (ex is IOException || ex is NotSupportedException || ex is System.Security.SecurityException)
                    throw Fail(WriteFailedId, CopilotErrorCategory.WriteError, path, $"Could not write '{path}': {ex.Message}", "Check the path, the free space and the permissions.", ex);
                throw;
            }
            finally
            {
                if (restoreReadOnly && File.Exists(path))
                {
                    try { File.SetAttributes(path, File.GetAttributes(path) | FileAttributes.ReadOnly); }
                    catch (IOException) { }
                    catch (UnauthorizedAccessException) { }
                }
            }
        }

        private static bool IsReadOnly(string path) => (File.GetAttributes(path) & FileAttributes.ReadOnly) != 0;

        private static void TryDelete(string path)
        {
            try { File.Delete(path); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }

        private static CopilotException Fail(string id, CopilotErrorCategory category, string path, string message, string action, Exception? inner = null) =>
            new CopilotException(id, category, path, message, inner) { IsTerminating = true, RecommendedAction = action };
    }
}
