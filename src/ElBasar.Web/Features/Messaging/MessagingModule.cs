using ElBasar.Web.Infrastructure.Web;
using Microsoft.Extensions.Options;

namespace ElBasar.Web.Features.Messaging;

public static class MessagingModule
{
    public static IServiceCollection AddMessaging(this IServiceCollection services)
    {
        services.AddScoped<Conversations>();
        services.AddScoped<MessagingMails>();
        services.AddScoped<Accounts.PersonalData.IPersonalDataSource, MessagingPersonalData>();
        return services;
    }

    public static IEndpointRouteBuilder MapMessaging(this IEndpointRouteBuilder app) => app.MapMessagingApi();

    /// <summary>The base of links in mails: <c>Site:BaseUrl</c>, or the address the request came to.</summary>
    public static string BaseUrl(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value.BaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
}
