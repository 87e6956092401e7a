using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ElBasar.Web.Features.Accounts;

/// <summary>
/// Sign-in, sign-up and password reset take a few tries a minute from one address: enough for a
/// person who mistypes, too few to guess passwords or flood inboxes. Past it: 429 and a French page.
/// </summary>
public static class AccountLimits
{
    public const string Policy = "accounts";
    public const int PermitsPerMinute = 10;

    public static IServiceCollection AddAccountLimits(this IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policy, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "inconnue",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = PermitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("lecture"));
        });
}
