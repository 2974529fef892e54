/* Another style: siglongjmp back to main, which prints. */
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf back;

static void on_segv(int sig)
{
    siglongjmp(back, sig);
}

int main(void)
{
    struct sigaction sa;
    sa.sa_handler = on_segv;
    sa.sa_flags = 0;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    int fd = open("/dev/zero", O_RDONLY);
    volatile char *page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
    if (page == MAP_FAILED)
        return 1;
    if (sigsetjmp(back, 1) == 0) {
        page[0] = 'x';
        printf("The store went through\n");
    } else {
        printf("Caught SIGSEGV\n");
    }
    return 0;
}
