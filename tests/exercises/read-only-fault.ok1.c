/* The handler writes and ends the program. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

static void on_segv(int sig)
{
    (void) sig;
    write(STDOUT_FILENO, "Caught SIGSEGV\n", 15);
    _exit(0);
}

int main(void)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = on_segv;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    int fd = open("/dev/zero", O_RDONLY);
    if (fd < 0) {
        perror("open");
        return 1;
    }
    char *page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
    if (page == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    page[0] = 'x';
    printf("The store went through\n");
    return 0;
}
