using Microsoft.Extensions.Options;

namespace ElBasar.Web.Infrastructure.Email;

/// <summary>
/// Writes each message as one .eml file in <c>Email:PickupDirectory</c>, so a fresh install shows
/// its mail. Files are named by queue time then id: they sort by time, and a message sent again
/// after a crash replaces its own file instead of making a second one.
/// </summary>
public sealed class PickupDirectorySender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(Guid messageId, DateTimeOffset queuedAt, EmailMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        var directory = Path.GetFullPath(settings.PickupDirectory);
        Directory.CreateDirectory(directory);
        var bytes = EmlWriter.Write(messageId, queuedAt, settings.FromAddress(), message);

        // Written beside, then moved: a reader of the folder never sees half a message.
        var temporary = Path.Combine(directory, $".{messageId:N}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await file.WriteAsync(bytes, ct);
                // On disk before the dispatcher marks the message sent.
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, Path.Combine(directory, FileName(messageId, queuedAt)), overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public static string FileName(Guid messageId, DateTimeOffset queuedAt) =>
        $"{queuedAt.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}-{messageId:N}.eml";
}
