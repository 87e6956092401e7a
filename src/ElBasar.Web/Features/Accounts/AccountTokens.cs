using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace ElBasar.Web.Features.Accounts;

/// <summary>Identity's one-time tokens as they travel in a link: base64url, and back.</summary>
public static class AccountTokens
{
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token, or null for a link that was cut or altered.</summary>
    public static string? Decode(string? code)
    {
        if (code is null) return null;
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
