package jp.nurture.leads.web.security;

import jp.nurture.leads.core.user.Users;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Loads users from lead-core for form login. */
@Service
class AppUserDetailsService implements UserDetailsService {

    private final Users users;

    AppUserDetailsService(Users users) {
        this.users = users;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        return users.findByUsername(username.strip()).map(CurrentUser::new)
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }
}
