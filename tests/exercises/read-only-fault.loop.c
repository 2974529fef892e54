/* Wrong: the handler returns: the store faults again, for ever; the
   check stops it at its limit. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
static void on_segv(int sig) { (void) sig; }
int main(void) {
    struct sigaction sa = { 0 };
    sa.sa_handler = on_segv;
    sigaction(SIGSEGV, &sa, NULL);
    int fd = open("/dev/zero", O_RDONLY);
    volatile char *page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
    if (page == MAP_FAILED) return 1;
    page[0] = 'x';
    printf("Caught SIGSEGV\n");
    return 0;
}
