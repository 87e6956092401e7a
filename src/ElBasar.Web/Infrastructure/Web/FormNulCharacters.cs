namespace ElBasar.Web.Infrastructure.Web;

/// <summary>
/// ASP.NET Core refuses a form whose values hold a NUL character (<c>%00</c>): the whole form is unreadable,
/// its antiforgery token with it, and the person loses everything typed for a character pasted by
/// accident. A form sent as <c>application/x-www-form-urlencoded</c> loses its NULs before it is read,
/// as texts do before they are saved (<see cref="Data.NulCharacters"/>).
/// </summary>
sealed class FormNulCharacters(RequestDelegate next)
{
    // The form reader's own limit on a value (FormOptions.ValueLengthLimit by default).
    const int MaxBytes = 4 * 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        // A body of unknown or larger size than a form value may be is left to the form reader's own limits.
        if (HttpMethods.IsPost(request.Method) && request.ContentLength is > 0 and <= MaxBytes && request.HasFormContentType
            && request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            var buffer = new MemoryStream((int)request.ContentLength.Value);
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
            var body = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            var length = body.IndexOf("%00"u8) < 0 ? body.Length : RemoveNuls(body);
            request.Body = new MemoryStream(buffer.GetBuffer(), 0, length, writable: false);
            request.ContentLength = length;
        }
        await next(context);
    }

    /// <summary>Removes every <c>%00</c> in place; returns the new length.</summary>
    static int RemoveNuls(Span<byte> body)
    {
        var kept = 0;
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == (byte)'%' && body[(i + 1)..].StartsWith("00"u8))
            {
                i += 2;
                continue;
            }
            body[kept++] = body[i];
        }
        return kept;
    }
}
