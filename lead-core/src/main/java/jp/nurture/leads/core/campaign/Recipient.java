package jp.nurture.leads.core.campaign;

/** Who a message goes to, with the merge fields a template may use. */
public record Recipient(long leadId, long productId, long personId, String name, String email, String company,
        String department, String jobTitle, String owner, String product) {

    static final String SELECT = """
            select l.id, l.product_id, p.id, p.full_name, p.email, coalesce(c.name, ''), coalesce(p.department, ''),
                   coalesce(p.job_title, ''), coalesce(u.display_name, ''), pr.name
            from lead l join person p on p.id = l.person_id left join company c on c.id = p.company_id
            left join app_user u on u.id = l.owner_id join product pr on pr.id = l.product_id""";

    static Recipient map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Recipient(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
    }
}
