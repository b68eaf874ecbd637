/**
 * Routing in the web tier: the admin's sales organisation and rules pages with the routing preview, field sales'
 * hand-off queue, and the company page that shows account and product sales one picture.
 */
package jp.nurture.leads.web.routing;
