/** The marketer's segment pages: the builder with a live count, saved segments, freeze and CSV export. */
package jp.nurture.leads.web.segment;
