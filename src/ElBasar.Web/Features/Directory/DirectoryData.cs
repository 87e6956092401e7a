using ElBasar.Web.Features.Directory.Charter;
using ElBasar.Web.Features.Directory.People;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Directory;

public static class DirectoryData
{
    extension(ElBasarDbContext db)
    {
        public DbSet<Network> Networks => db.Set<Network>();
        public DbSet<NetworkMembership> NetworkMemberships => db.Set<NetworkMembership>();
        public DbSet<Organization> Organizations => db.Set<Organization>();
        public DbSet<OrganizationMember> OrganizationMembers => db.Set<OrganizationMember>();
        public DbSet<JoinRequest> JoinRequests => db.Set<JoinRequest>();
        public DbSet<CharterVersion> CharterVersions => db.Set<CharterVersion>();
        public DbSet<CharterAcceptance> CharterAcceptances => db.Set<CharterAcceptance>();
    }
}
